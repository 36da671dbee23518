using Agents.Core.Memory;

namespace Agents.Core.Loop;

/// <summary>The runner stored an observation or a final answer in the agent's memory.</summary>
/// <param name="Step">The step it belongs to.</param>
/// <param name="Id">The stored record's id.</param>
/// <param name="Entry">What was stored.</param>
public sealed record MemoryWriteEvent(int Step, string Id, MemoryEntry Entry) : AgentEvent(Step);
