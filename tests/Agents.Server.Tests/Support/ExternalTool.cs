using Agents.TestSupport;

namespace Agents.Server.Tests.Support;

/// <summary>Finds programs the integration tests need (node, chromium): missing ones fail under CI=true and skip locally.</summary>
public static class ExternalTool
{
    public static string Require(string name, params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var full = Path.Combine(dir, name);
            if (File.Exists(full))
            {
                return full;
            }
        }

        var message = $"'{name}' is not installed (looked in {string.Join(", ", candidates.Append("PATH"))}).";
        if (TestAssets.IsCi)
        {
            throw new InvalidOperationException(message + " CI must install it (see .ci/install.sh).");
        }

        throw SkipException.ForMessage(message);
    }

    /// <summary>The npm test folder copied beside the test binary, with node_modules from the source tree when present.</summary>
    public static string NpmFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Agents.Server.Tests", "npm");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/Agents.Server.Tests/npm not found above " + AppContext.BaseDirectory);
    }
}
