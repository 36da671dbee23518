using Agents.Core.Memory;
using Agents.Memory.Ingestion;
using Agents.Memory.Storage;
using Microsoft.Extensions.AI;

namespace Agents.Memory;

/// <summary>
/// The agent's memory over sentence embeddings and a vector store: a write embeds the text and stores it under its
/// content hash (writing the same text twice keeps one record); a search embeds the query and returns the nearest
/// records by cosine similarity. Texts longer than the model's token limit are embedded from their beginning.
/// </summary>
public sealed class VectorAgentMemory : IAgentMemory
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly IVectorIndex _index;
    private readonly int _maxEntryChars;
    private readonly int _maxTopK;

    /// <summary>Creates the memory over <paramref name="embedder"/> and <paramref name="index"/>.</summary>
    public VectorAgentMemory(IEmbeddingGenerator<string, Embedding<float>> embedder, IVectorIndex index, AgentMemoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(index);
        options ??= new AgentMemoryOptions();
        options.Validate();
        _embedder = embedder;
        _index = index;
        _maxEntryChars = options.MaxEntryChars;
        _maxTopK = options.MaxTopK;
    }

    /// <summary>The store underneath.</summary>
    public IVectorIndex Index => _index;

    /// <inheritdoc />
    public async Task<string> WriteAsync(MemoryEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (string.IsNullOrWhiteSpace(entry.Text))
        {
            throw new ArgumentException("A memory entry needs non-blank text.", nameof(entry));
        }

        if (entry.Text.Length > _maxEntryChars)
        {
            throw new ArgumentException($"A memory entry has {entry.Text.Length} characters; the limit is {_maxEntryChars}.", nameof(entry));
        }

        var id = DocumentIngestor.ContentHash(entry.Text);
        var embedding = await _embedder.GenerateVectorAsync(entry.Text, null, cancellationToken).ConfigureAwait(false);
        var record = new VectorRecord(id, embedding, entry.Text)
        {
            Source = entry.Source,
            Tags = entry.Tags ?? [],
            Timestamp = entry.Timestamp,
        };
        await _index.UpsertAsync([record], cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryHit>> SearchAsync(string query, int topK, double minScore, CancellationToken cancellationToken = default) =>
        SearchAsync(query, topK, minScore, null, cancellationToken);

    /// <summary>Like <see cref="SearchAsync(string, int, double, CancellationToken)"/>, restricted by <paramref name="filter"/>.</summary>
    public async Task<IReadOnlyList<MemoryHit>> SearchAsync(string query, int topK, double minScore, VectorFilter? filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (topK < 1 || topK > _maxTopK)
        {
            throw new ArgumentOutOfRangeException(nameof(topK), topK, $"topK must be between 1 and {_maxTopK}.");
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var embedding = await _embedder.GenerateVectorAsync(query, null, cancellationToken).ConfigureAwait(false);
        var hits = await _index.SearchAsync(embedding, topK, filter, cancellationToken).ConfigureAwait(false);
        return hits.Where(h => h.Score >= minScore)
            .Select(h => new MemoryHit(h.Record.Id, new MemoryEntry(h.Record.Text, h.Record.Source, h.Record.Tags) { Timestamp = h.Record.Timestamp }, h.Score))
            .ToList();
    }
}
