namespace Agents.Core.Tools;

/// <summary>The observation of one tool call, and whether it is an error the model caused.</summary>
internal readonly record struct ToolOutcome(string Observation, bool IsError);
