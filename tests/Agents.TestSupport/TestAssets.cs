namespace Agents.TestSupport;

/// <summary>
/// Finds the shared test assets (real tiny GGUF models, vocab files, templates, MiniLM data).
/// Looks at <c>AGENTS_TEST_ASSETS</c> first, then walks up from the test binary to a <c>shared</c> folder
/// that sits beside the repository. When <c>CI=true</c> a missing asset fails the test; elsewhere the test
/// is skipped with a message that names what is missing.
/// </summary>
public static class TestAssets
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>True when running under CI (<c>CI=true</c>): missing assets are failures, not skips.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The shared folder, or null when it cannot be found.</summary>
    public static string? SharedRoot => Root.Value;

    /// <summary>Returns the full path of an asset (relative to the shared folder), or skips/fails the test.</summary>
    public static string Require(string relativePath)
    {
        var root = Root.Value;
        var full = root is null ? null : Path.Combine(root, relativePath);
        if (full is not null && (File.Exists(full) || Directory.Exists(full)))
        {
            return full;
        }

        var message = $"Test asset '{relativePath}' not found (set AGENTS_TEST_ASSETS to the shared folder; searched: {root ?? "no shared folder found"}).";
        if (IsCi)
        {
            throw new InvalidOperationException(message);
        }

        throw SkipException.ForMessage(message);
    }

    /// <summary>Path of <c>models/stories260K.gguf</c>.</summary>
    public static string Stories260K => Require("models/stories260K.gguf");

    /// <summary>Path of <c>models/llama-2-tiny-random.gguf</c>.</summary>
    public static string Llama2TinyRandom => Require("models/llama-2-tiny-random.gguf");

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("AGENTS_TEST_ASSETS");
        if (!string.IsNullOrWhiteSpace(env) && Directory.Exists(env))
        {
            return Path.GetFullPath(env);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "models")))
            {
                return candidate;
            }
        }

        return null;
    }
}
