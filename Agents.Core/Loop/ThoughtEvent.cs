namespace Agents.Core.Loop;

/// <summary>The model's reasoning before its action or answer (without <c>Thought:</c> labels).</summary>
/// <param name="Step">The step it belongs to.</param>
/// <param name="Text">The reasoning text.</param>
public sealed record ThoughtEvent(int Step, string Text) : AgentEvent(Step);
