using Agents.Core.Actions;
using Microsoft.Extensions.AI;

namespace Agents.Core.Loop;

/// <summary>What an agent is: its instructions, tools, action format, limits and prompt. Built from a recipe or in code.</summary>
public sealed record AgentDefinition
{
    /// <summary>The agent's name.</summary>
    public string Name { get; init; } = "agent";

    /// <summary>The instructions placed at the top of the system prompt.</summary>
    public string Instructions { get; init; } = "You are a helpful assistant that solves tasks step by step.";

    /// <summary>The only tools this agent may call; whatever the model writes, no other tool runs.</summary>
    public IReadOnlyList<AIFunction> Tools { get; init; } = [];

    /// <summary>The action format: the prompt teaches it and the parser reads it (Auto: the prompt teaches ReAct, the parser accepts every format).</summary>
    public ActionFormat Format { get; init; } = ActionFormat.Auto;

    /// <summary>The run's limits.</summary>
    public AgentLimits Limits { get; init; } = new();

    /// <summary>When true, each model call carries a GBNF grammar built from the tools (see <see cref="ActionGrammar"/>).</summary>
    public bool UseGrammar { get; init; }

    /// <summary>How many memories to put into each prompt (default 3; 0 turns memory reading off).</summary>
    public int MemoryTopK { get; init; } = 3;

    /// <summary>Lowest memory relevance placed into a prompt (default 0.2).</summary>
    public double MemoryMinScore { get; init; } = 0.2;

    /// <summary>Sampling and other options for each model call (cloned per call; stop sequences and the grammar are added).</summary>
    public ChatOptions? ChatOptions { get; init; }

    /// <summary>A Scriban template for the system prompt; null uses the built-in one. Variables: instructions, tools (name, description, schema, input), tool_names, format, memories (text, score, source).</summary>
    public string? SystemPromptTemplate { get; init; }

    /// <summary>When true (the default), a reply without any action structure is taken as the final answer.</summary>
    public bool PlainTextIsFinalAnswer { get; init; } = true;
}
