namespace Agents.Core.Loop;

/// <summary>The last event of every run: why it stopped.</summary>
/// <param name="Step">The last step.</param>
/// <param name="Reason">Why the run stopped.</param>
/// <param name="Message">The reason in words (names the limit and its value).</param>
public sealed record StoppedEvent(int Step, StopReason Reason, string Message) : AgentEvent(Step);
