namespace Agents.Core.Loop;

/// <summary>One thing that happened while an agent ran; the runner streams these to its caller.</summary>
/// <param name="Step">The step (model call) it belongs to, from 1.</param>
public abstract record AgentEvent(int Step);
