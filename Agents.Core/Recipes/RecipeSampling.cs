namespace Agents.Core.Recipes;

/// <summary>Sampling settings of a recipe's model; null means the engine's default.</summary>
/// <param name="Temperature">Temperature (0 to 2).</param>
/// <param name="TopP">Nucleus sampling (0 to 1).</param>
/// <param name="MaxTokens">Most tokens per model call.</param>
/// <param name="Seed">Random seed.</param>
public sealed record RecipeSampling(double? Temperature = null, double? TopP = null, int? MaxTokens = null, long? Seed = null);
