namespace Agents.Core.Recipes;

/// <summary>The memory section of a recipe.</summary>
/// <param name="Store">The name of a keyed <c>IAgentMemory</c> service; null uses the unkeyed one.</param>
/// <param name="TopK">How many memories go into each prompt.</param>
/// <param name="MinScore">Lowest relevance that goes into a prompt.</param>
public sealed record RecipeMemory(string? Store = null, int TopK = 3, double MinScore = 0.2);
