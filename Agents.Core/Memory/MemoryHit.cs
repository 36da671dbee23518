namespace Agents.Core.Memory;

/// <summary>One search result: the stored entry, its id and its relevance score (cosine similarity for embeddings).</summary>
public sealed record MemoryHit(string Id, MemoryEntry Entry, double Score);
