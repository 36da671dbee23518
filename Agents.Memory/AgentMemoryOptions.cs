using Agents.Memory.Embeddings;
using Agents.Memory.Ingestion;

namespace Agents.Memory;

/// <summary>Host settings of the agent memory (<c>services.AddAgentMemory(...)</c>).</summary>
public sealed class AgentMemoryOptions
{
    /// <summary>SQLite file of the store. Null: an in-memory store that is lost at exit. Default null.</summary>
    public string? StorePath { get; set; }

    /// <summary>The embedding model settings (default: all-MiniLM-L6-v2 from the package, 1 thread, no spinning).</summary>
    public SentenceEmbeddingOptions Embedding { get; set; } = new();

    /// <summary>How ingested documents are chunked.</summary>
    public ChunkingOptions Chunking { get; set; } = new();

    /// <summary>Longest text one write accepts, in characters. Default 16,000.</summary>
    public int MaxEntryChars { get; set; } = 16_000;

    /// <summary>Largest top-k a search accepts. Default 100.</summary>
    public int MaxTopK { get; set; } = 100;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Embedding);
        ArgumentNullException.ThrowIfNull(Chunking);
        Embedding.Validate();
        Chunking.Validate();
        if (MaxEntryChars < 1)
        {
            throw new ArgumentException($"MaxEntryChars must be positive (was {MaxEntryChars}).", nameof(MaxEntryChars));
        }

        if (MaxTopK < 1)
        {
            throw new ArgumentException($"MaxTopK must be positive (was {MaxTopK}).", nameof(MaxTopK));
        }
    }
}
