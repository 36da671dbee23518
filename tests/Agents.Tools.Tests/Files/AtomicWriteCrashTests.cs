using System.Diagnostics;
using Agents.Tools.Files;

namespace Agents.Tools.Tests.Files;

/// <summary>A writer process killed in the middle of a large write leaves the old file or no file, never half of one.</summary>
public sealed class AtomicWriteCrashTests : IDisposable
{
    private readonly TempRoot _temp = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WriterKilledMidWrite_TargetIsOldContentOrAbsent(bool targetExists)
    {
        var target = Path.Combine(_temp.Root, "data.bin");
        if (targetExists)
        {
            File.WriteAllText(target, "OLD CONTENT");
        }

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add("crash-writer");
        start.ArgumentList.Add(target);
        using var child = Process.Start(start)!;
        try
        {
            var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(line == "writing", $"child did not start writing: '{line}' {await ReadErrorAsync(child)}");
            var temp = Directory.GetFiles(_temp.Root, AtomicFileWriter.TempPrefix + "*");
            Assert.Single(temp);
            Assert.True(new FileInfo(temp[0]).Length >= 1024 * 1024, "the child should be mid-write");
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        if (targetExists)
        {
            Assert.Equal("OLD CONTENT", File.ReadAllText(target));
        }
        else
        {
            Assert.False(File.Exists(target));
        }

        // The leftover temporary file is invisible to the tools.
        var listing = new FileStore(new FileStoreOptions { Root = _temp.Root }).ListFiles(".");
        Assert.DoesNotContain(AtomicFileWriter.TempPrefix, listing, StringComparison.Ordinal);
    }

    private static async Task<string> ReadErrorAsync(Process child)
    {
        try
        {
            return await child.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
            return string.Empty;
        }
    }

    public void Dispose() => _temp.Dispose();
}
