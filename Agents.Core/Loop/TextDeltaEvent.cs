namespace Agents.Core.Loop;

/// <summary>A piece of model output as it streams.</summary>
/// <param name="Step">The step it belongs to.</param>
/// <param name="Text">The text delta.</param>
public sealed record TextDeltaEvent(int Step, string Text) : AgentEvent(Step);
