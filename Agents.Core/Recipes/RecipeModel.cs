namespace Agents.Core.Recipes;

/// <summary>The model section of a recipe: exactly one of <see cref="Path"/>, <see cref="Ref"/> or <see cref="Endpoint"/>.</summary>
public sealed record RecipeModel
{
    /// <summary>A GGUF file, as a full path (resolved against the recipe's folder).</summary>
    public string? Path { get; init; }

    /// <summary>A model-store reference (e.g. <c>stories260K</c> or <c>org/repo:file.gguf</c>), resolved by the <see cref="IRecipeModelResolver"/>.</summary>
    public string? Ref { get; init; }

    /// <summary>An OpenAI-compatible endpoint URL.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The model name at the endpoint (for <see cref="Endpoint"/>).</summary>
    public string? Id { get; init; }

    /// <summary>The environment variable holding the endpoint's API key (never the key itself).</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>The chat template name (e.g. <c>chatml</c>, <c>llama3</c>, <c>alpaca</c>); null uses the one stored in the GGUF file.</summary>
    public string? Template { get; init; }

    /// <summary>LoRA adapter files (full paths).</summary>
    public IReadOnlyList<string> Lora { get; init; } = [];

    /// <summary>Sampling settings.</summary>
    public RecipeSampling Sampling { get; init; } = new();
}
