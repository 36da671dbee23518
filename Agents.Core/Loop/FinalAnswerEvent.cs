namespace Agents.Core.Loop;

/// <summary>The model's final answer to the task.</summary>
/// <param name="Step">The step it belongs to.</param>
/// <param name="Answer">The answer text.</param>
public sealed record FinalAnswerEvent(int Step, string Answer) : AgentEvent(Step);
