using Agents.Core.Loop;
using Agents.Core.Memory;
using Agents.Core.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace Agents.Core.Recipes;

/// <summary>
/// Builds runners from recipes with the services of an <see cref="IServiceProvider"/>: the model through
/// <see cref="IRecipeModelResolver"/>, tools through the registered <see cref="IAgentToolFactory"/> list, then
/// registered <see cref="AIFunction"/>s and Semantic Kernel <see cref="KernelPlugin"/>s, memory through
/// (keyed) <see cref="IAgentMemory"/>.
/// </summary>
public static class AgentFactory
{
    /// <summary>Every tool name a recipe may list with these services.</summary>
    public static IReadOnlyList<string> ToolNames(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetServices<IAgentToolFactory>().Select(f => f.Name)
            .Concat(services.GetServices<AIFunction>().Select(f => f.Name))
            .Concat(KernelFunctions(services).SelectMany(f => new[] { f.ShortName, f.Function.Name }))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Loads and validates a recipe file, checking its tools against <see cref="ToolNames"/>.</summary>
    public static AgentRecipe LoadRecipe(IServiceProvider services, string path) => RecipeLoader.Load(path, ToolNames(services));

    /// <summary>Creates the tools a recipe lists (only those).</summary>
    public static IReadOnlyList<AIFunction> CreateTools(IServiceProvider services, AgentRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(recipe);
        var factories = services.GetServices<IAgentToolFactory>().ToList();
        var functions = services.GetServices<AIFunction>()
            .Concat(KernelFunctions(services).SelectMany(f => new[] { f.Function, new RenamedAIFunction(f.Function, f.ShortName) }))
            .ToList();
        return recipe.Tools.Select(tool =>
            factories.FirstOrDefault(f => string.Equals(f.Name, tool.Name, StringComparison.OrdinalIgnoreCase))?.Create(tool.Settings, services)
            ?? functions.FirstOrDefault(f => string.Equals(f.Name, tool.Name, StringComparison.OrdinalIgnoreCase))
            ?? throw new RecipeException(recipe.SourcePath ?? recipe.Name, 1, 1, $"unknown tool '{tool.Name}'; registered tools: {string.Join(", ", ToolNames(services))}"))
            .ToList();
    }

    private static IEnumerable<(string ShortName, AIFunction Function)> KernelFunctions(IServiceProvider services) =>
        services.GetServices<KernelPlugin>().SelectMany(p => p.Select(f => (f.Name, (AIFunction)f)));

    /// <summary>Creates a runner for <paramref name="recipe"/>.</summary>
    public static AgentRunner Create(IServiceProvider services, AgentRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(recipe);
        var resolver = services.GetService<IRecipeModelResolver>()
            ?? throw new InvalidOperationException($"No {nameof(IRecipeModelResolver)} is registered: register one to turn recipe models into chat clients.");
        IAgentMemory? memory = null;
        if (recipe.Memory is { } m)
        {
            memory = (m.Store is null ? services.GetService<IAgentMemory>() : services.GetKeyedService<IAgentMemory>(m.Store))
                ?? throw new InvalidOperationException($"Recipe '{recipe.Name}' uses memory store '{m.Store ?? "(default)"}', but no such {nameof(IAgentMemory)} is registered.");
        }

        var chatClient = resolver.Resolve(recipe.Model, recipe);
        return new AgentRunner(chatClient, recipe.ToDefinition(CreateTools(services, recipe)), memory, services.GetService<TimeProvider>(), services.GetService<Microsoft.Extensions.Logging.ILogger<AgentRunner>>());
    }
}
