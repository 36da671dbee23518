namespace Agents.Core.Actions;

/// <summary>How a model writes its actions as text.</summary>
public enum ActionFormat
{
    /// <summary>Any of the formats below, recognised as it appears.</summary>
    Auto,

    /// <summary><c>Thought:</c> / <c>Action:</c> / <c>Action Input:</c> / <c>Final Answer:</c> lines.</summary>
    React,

    /// <summary>A JSON block, bare or fenced: <c>{"action": …, "action_input": …}</c> or <c>{"name": …, "arguments": …}</c>.</summary>
    Json,

    /// <summary>XML tags: <c>&lt;tool&gt;</c>, <c>&lt;tool_input&gt;</c>, <c>&lt;final_answer&gt;</c>.</summary>
    Xml,

    /// <summary>The bracket shorthand of the ReAct paper: <c>Action: tool[input]</c>, <c>Finish[answer]</c>.</summary>
    Bracket,
}
