using System.Text.Json.Nodes;

namespace Agents.Core.Loop;

/// <summary>The model asked for a tool; the runner is about to call it (or to refuse it with an observation).</summary>
/// <param name="Step">The step it belongs to.</param>
/// <param name="CallId">An id shared with the matching <see cref="ToolResultEvent"/>.</param>
/// <param name="Tool">The tool name as written by the model.</param>
/// <param name="Input">The action input as text (null when none).</param>
/// <param name="Arguments">The input as JSON when it was a JSON object or array.</param>
public sealed record ToolCallEvent(int Step, string CallId, string Tool, string? Input, JsonNode? Arguments) : AgentEvent(Step);
