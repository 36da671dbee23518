using Agents.Core.Loop;
using Agents.Core.Recipes;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers agents built from recipes.</summary>
public static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// Registers the agent <paramref name="name"/> from the recipe file at <paramref name="recipePath"/> as a keyed
    /// <see cref="AgentRunner"/> (<c>GetRequiredKeyedService&lt;AgentRunner&gt;(name)</c>). The recipe is read and the
    /// model resolved on first use, never here.
    /// </summary>
    public static IServiceCollection AddAgent(this IServiceCollection services, string name, string recipePath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipePath);
        var full = Path.GetFullPath(recipePath);
        services.AddKeyedSingleton(name, (sp, _) => AgentFactory.LoadRecipe(sp, full));
        return services.AddKeyedSingleton(name, (sp, key) => AgentFactory.Create(sp, sp.GetRequiredKeyedService<AgentRecipe>(key)));
    }

    /// <summary>Registers the agent <paramref name="name"/> from a recipe object as a keyed <see cref="AgentRunner"/>.</summary>
    public static IServiceCollection AddAgent(this IServiceCollection services, string name, AgentRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(recipe);
        services.AddKeyedSingleton(name, recipe);
        return services.AddKeyedSingleton(name, (sp, _) => AgentFactory.Create(sp, recipe));
    }
}
