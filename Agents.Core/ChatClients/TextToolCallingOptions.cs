using Agents.Core.Actions;

namespace Agents.Core.ChatClients;

/// <summary>Settings of a <see cref="TextToolCallingChatClient"/>.</summary>
public sealed record TextToolCallingOptions
{
    /// <summary>The action format taught to the model and read back (default ReAct; Auto teaches ReAct and reads every format).</summary>
    public ActionFormat Format { get; init; } = ActionFormat.React;

    /// <summary>When true, each call carries a GBNF grammar built from the tools (for local engines that honour <c>ChatOptions.AdditionalProperties["grammar"]</c>).</summary>
    public bool UseGrammar { get; init; }

    /// <summary>A Scriban template for the system prompt; null uses the built-in one (see <see cref="Loop.AgentDefinition.SystemPromptTemplate"/>).</summary>
    public string? SystemPromptTemplate { get; init; }
}
