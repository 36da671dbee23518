using Agents.Core.Recipes;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Cli.Commands.Agent;

/// <summary>
/// The services the agent commands (<c>run</c>, <c>recipe check</c>, <c>chat --recipe</c>, <c>tool</c>) use: the
/// standard and memory tools, the recipe model resolver over the local engine, the model store and remote endpoints,
/// and the agent memory (one SQLite file, see <see cref="MemoryStorePath"/>).
/// </summary>
internal static class CliServices
{
    public static ServiceProvider Build(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddStandardTools();
        services.AddMemoryTools();
        services.AddAgentMemory(o => o.StorePath = MemoryStorePath());
        services.AddSingleton<IRecipeModelResolver, RecipeModelResolver>();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The agent memory file: <c>$AGENTS_MEMORY</c>, else <c>$AGENTS_HOME/memory.db</c>, else
    /// <c>$XDG_DATA_HOME/agents/memory.db</c>, else <c>~/.local/share/agents/memory.db</c>. Its folder is created.
    /// </summary>
    public static string MemoryStorePath()
    {
        var explicitPath = Environment.GetEnvironmentVariable("AGENTS_MEMORY");
        var home = Environment.GetEnvironmentVariable("AGENTS_HOME");
        var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var path = !string.IsNullOrWhiteSpace(explicitPath) ? explicitPath
            : !string.IsNullOrWhiteSpace(home) ? Path.Combine(home, "memory.db")
            : Path.Combine(!string.IsNullOrWhiteSpace(data) ? data : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share"), "agents", "memory.db");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return path;
    }
}
