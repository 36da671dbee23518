using System.Diagnostics;
using System.Globalization;
using Agents.Memory.Storage;
using Xunit.Abstractions;

namespace Agents.Memory.Tests.Storage;

/// <summary>
/// Kills a writer process (SIGKILL) at random points while it commits, many times, then checks that the file is
/// sound and every acknowledged write is there with its content, and that no batch is half-stored.
/// </summary>
public sealed class SqliteCrashSafetyTests
{
    private readonly ITestOutputHelper _output;

    public SqliteCrashSafetyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task UpsertAsync_WriterKilledAtRandomPoints_KeepsEveryAcknowledgedWrite()
    {
        using var dir = new TempDir();
        var db = dir.File("crash.db");
        var writerDll = Path.Combine(AppContext.BaseDirectory, "Agents.Memory.CrashWriter.dll");
        Assert.True(File.Exists(writerDll), $"writer not found at {writerDll}");
        var (acked, rounds) = await Task.Factory.StartNew(() => RunRounds(db, writerDll), TaskCreationOptions.LongRunning);
        _output.WriteLine($"{rounds} rounds, {acked.Count} acknowledged batches, {acked.Sum(a => a.To - a.From + 1)} records");
        Assert.True(rounds >= 5, $"only {rounds} rounds ran");
        Assert.NotEmpty(acked);

        using var index = SqliteVectorIndex.Open(db);
        Assert.Equal("ok", index.CheckIntegrity());
        foreach (var (from, to) in acked)
        {
            for (var id = from; id <= to; id++)
            {
                Assert.True(await index.ContainsAsync($"r{id}"), $"acknowledged record r{id} is missing");
            }

            var hit = (await index.SearchAsync(VectorFor(from), 1)).Single();
            Assert.Equal($"r{from}", hit.Record.Id);
            Assert.StartsWith($"record {from} ", hit.Record.Text, StringComparison.Ordinal);
        }
    }

    private static (List<(long From, long To)> Acked, int Rounds) RunRounds(string db, string writerDll)
    {
        var rng = new Random(20261127);
        var acked = new List<(long From, long To)>();
        long next = 0;
        var budget = Stopwatch.StartNew();
        var rounds = 0;

        // Plain threads and blocking reads: the kill must not wait for a busy test thread pool.
        for (; rounds < 20 && budget.Elapsed < TimeSpan.FromSeconds(100); rounds++)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false };
            psi.ArgumentList.Add(writerDll);
            psi.ArgumentList.Add(db);
            psi.ArgumentList.Add(next.ToString(CultureInfo.InvariantCulture));
            using var process = Process.Start(psi)!;
            var roundAcks = new List<(long From, long To)>();
            var opened = new ManualResetEventSlim();
            var reader = new Thread(() =>
            {
                while (process.StandardOutput.ReadLine() is { } line)
                {
                    if (line == "open")
                    {
                        opened.Set();
                    }
                    else if (line.Split(' ') is ["ack", var a, var b])
                    {
                        lock (roundAcks)
                        {
                            roundAcks.Add((long.Parse(a, CultureInfo.InvariantCulture), long.Parse(b, CultureInfo.InvariantCulture)));
                        }
                    }
                }
            }) { IsBackground = true };
            reader.Start();
            if (!opened.Wait(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"round {rounds}: the writer did not open the store within 60 s");
            }

            // Let it commit for a random time, then SIGKILL it mid-flight: no cleanup, no flush.
            Thread.Sleep(rng.Next(5, 400));
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.True(reader.Join(TimeSpan.FromSeconds(30)), "stdout of the killed writer did not close");
            acked.AddRange(roundAcks);
            next = roundAcks.Count > 0 ? roundAcks[^1].To + 1 : next;

            // An unacknowledged batch may or may not be stored; start the next round past it either way.
            next += 10;
        }

        return (acked, rounds);
    }

    private static float[] VectorFor(long id)
    {
        var rng = new Random((int)(id * 7919 % int.MaxValue));
        var v = new float[8];
        for (var d = 0; d < v.Length; d++)
        {
            v[d] = (float)((rng.NextDouble() * 2) - 1);
        }

        var norm = (float)Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}
