namespace Agents.Core.Memory;

/// <summary>
/// What the agent loop needs from a memory: write what it learned, and find what is relevant to a query.
/// Implemented in memory for tests (InMemoryAgentMemory) and over embeddings and a vector store
/// in Agents.Memory.
/// </summary>
public interface IAgentMemory
{
    /// <summary>Stores one piece of text with its metadata; returns the stored record's id.</summary>
    Task<string> WriteAsync(MemoryEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Returns at most <paramref name="topK"/> entries whose relevance is at least <paramref name="minScore"/>, best first.</summary>
    Task<IReadOnlyList<MemoryHit>> SearchAsync(string query, int topK, double minScore, CancellationToken cancellationToken = default);
}
