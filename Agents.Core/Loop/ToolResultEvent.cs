namespace Agents.Core.Loop;

/// <summary>What the model will see as the observation of a tool call.</summary>
/// <param name="Step">The step it belongs to.</param>
/// <param name="CallId">The id of the matching <see cref="ToolCallEvent"/>.</param>
/// <param name="Tool">The tool name.</param>
/// <param name="Observation">The observation text (the tool's result, or the error and a correction hint).</param>
/// <param name="IsError">True when the call failed or was refused (unknown tool, bad arguments, tool exception, time-out).</param>
public sealed record ToolResultEvent(int Step, string CallId, string Tool, string Observation, bool IsError) : AgentEvent(Step);
