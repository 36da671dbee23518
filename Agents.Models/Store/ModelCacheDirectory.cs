namespace Agents.Models.Store;

/// <summary>
/// Finds the model cache folder: an explicit folder (<c>--cache-dir</c>) wins, then <c>$AGENTS_HOME/models</c>,
/// then <c>$XDG_CACHE_HOME/agents/models</c>, then <c>~/.cache/agents/models</c>.
/// </summary>
public static class ModelCacheDirectory
{
    /// <summary>Resolves the cache folder (it is not created).</summary>
    /// <param name="explicitDirectory">A folder given by the user (<c>--cache-dir</c>), or null.</param>
    /// <param name="environment">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when null. Tests pass their own.</param>
    /// <returns>An absolute path.</returns>
    public static string Resolve(string? explicitDirectory = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            return Path.GetFullPath(explicitDirectory);
        }

        var agentsHome = environment("AGENTS_HOME");
        if (!string.IsNullOrWhiteSpace(agentsHome))
        {
            return Path.GetFullPath(Path.Combine(agentsHome, "models"));
        }

        var xdg = environment("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.GetFullPath(Path.Combine(xdg, "agents", "models"));
        }

        var home = environment("HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        if (string.IsNullOrWhiteSpace(home))
        {
            throw new InvalidOperationException("Cannot find a model cache folder: set AGENTS_HOME, XDG_CACHE_HOME or HOME, or pass --cache-dir.");
        }

        return Path.GetFullPath(Path.Combine(home, ".cache", "agents", "models"));
    }
}
