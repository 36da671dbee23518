namespace Agents.Core.Loop;

/// <summary>The model's reply could not be read as an action or answer; <paramref name="Message"/> goes back to it as the observation.</summary>
/// <param name="Step">The step it belongs to.</param>
/// <param name="Message">The correction sent to the model.</param>
public sealed record ParseErrorEvent(int Step, string Message) : AgentEvent(Step);
