using System.Diagnostics;
using Xunit;

namespace Agents.TestSupport;

/// <summary>Runs the built <c>agents</c> command (samples/Agents.Cli) as a child process, as a user would.</summary>
public static class AgentsCli
{
    /// <summary>Runs <c>agents ARGS</c> with <paramref name="input"/> on stdin (2-minute limit, optional environment);
    /// null when the CLI is not built outside CI (under CI a missing build fails).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)?> RunAsync(string[] args, string? input, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = FindAgentsDll();
        if (dll is null)
        {
            // Built by `dotnet test Agents.sln`; when only this project was built, there is nothing to run.
            Assert.False(TestAssets.IsCi, "samples/Agents.Cli has not been built (agents.dll not found)");
            return null;
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input ?? string.Empty);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string? FindAgentsDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Agents.sln")))
            {
                var bin = Path.Combine(dir.FullName, "samples", "Agents.Cli", "bin");
                return Directory.Exists(bin)
                    ? Directory.EnumerateFiles(bin, "agents.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                    : null;
            }
        }

        return null;
    }
}
