using Agents.Core.Actions;
using Agents.Core.Loop;
using Microsoft.Extensions.AI;

namespace Agents.Core.Recipes;

/// <summary>A recipe as loaded from YAML by <see cref="RecipeLoader"/>: model, prompt, tools, memory, limits and action format.</summary>
public sealed record AgentRecipe
{
    /// <summary>The agent's name.</summary>
    public required string Name { get; init; }

    /// <summary>What the agent is for.</summary>
    public string? Description { get; init; }

    /// <summary>The model.</summary>
    public required RecipeModel Model { get; init; }

    /// <summary>The instructions placed at the top of the system prompt.</summary>
    public string? Instructions { get; init; }

    /// <summary>Prompt templates (Scriban) by name; <c>system</c> replaces the built-in system prompt.</summary>
    public IReadOnlyDictionary<string, string> Prompts { get; init; } = new Dictionary<string, string>();

    /// <summary>The only tools the agent may call.</summary>
    public IReadOnlyList<RecipeTool> Tools { get; init; } = [];

    /// <summary>Memory settings, or null for an agent without memory.</summary>
    public RecipeMemory? Memory { get; init; }

    /// <summary>Limits of each run.</summary>
    public AgentLimits Limits { get; init; } = new();

    /// <summary>The action format.</summary>
    public ActionFormat ActionFormat { get; init; } = ActionFormat.Auto;

    /// <summary>True to constrain local models with a GBNF grammar built from the tools.</summary>
    public bool Grammar { get; init; }

    /// <summary>The recipe file, or null for a recipe built in code.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The folder relative paths in the recipe are resolved against.</summary>
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Builds the agent definition for this recipe with the given (already created) tools.</summary>
    public AgentDefinition ToDefinition(IReadOnlyList<AIFunction> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var sampling = Model.Sampling;
        return new AgentDefinition
        {
            Name = Name,
            Instructions = Instructions ?? new AgentDefinition().Instructions,
            Tools = tools,
            Format = ActionFormat,
            Limits = Limits,
            UseGrammar = Grammar,
            MemoryTopK = Memory?.TopK ?? 0,
            MemoryMinScore = Memory?.MinScore ?? 0,
            SystemPromptTemplate = Prompts.TryGetValue("system", out var system) ? system : null,
            ChatOptions = new ChatOptions { Temperature = (float?)sampling.Temperature, TopP = (float?)sampling.TopP, MaxOutputTokens = sampling.MaxTokens, Seed = sampling.Seed, ModelId = Model.Id },
        };
    }
}
