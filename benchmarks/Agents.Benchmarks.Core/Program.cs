using System.Diagnostics;
using Agents.Benchmarks.Core;
using BenchmarkDotNet.Running;

if (args.Contains("--quick"))
{
    var b = new AgentLoopBenchmarks();
    b.Setup();
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
    Report("reference: copy chunks (per token)", b.Tokens, () => b.CopyReactChunks());
    Report("ActionParser ReAct reply (per token)", b.Tokens, () => b.ParseReactReply());
    Report("ActionParser JSON reply (per token)", Replies.Tokens(Replies.Json).Length, () => b.ParseJsonReply());
    Report("AgentRunner loop (per step, instant model+tool)", AgentLoopBenchmarks.Steps, () => b.RunTenSteps().GetAwaiter().GetResult());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(AgentLoopBenchmarks).Assembly).Run(args);

static void Report(string name, int units, Func<object> body)
{
    for (var i = 0; i < 200; i++)
    {
        body();
    }

    var best = double.MaxValue;
    for (var round = 0; round < 7; round++)
    {
        var iterations = 0;
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 300)
        {
            body();
            iterations++;
        }

        best = Math.Min(best, sw.Elapsed.TotalNanoseconds / iterations / units);
    }

    Console.WriteLine($"{name,-52} {best,10:F1} ns  ({units} units per op, best of 7 rounds)");
}
