namespace Agents.Memory.Storage;

/// <summary>
/// A collection of vectors with metadata that answers nearest-neighbour queries by cosine similarity.
/// Implementations: <see cref="InMemoryVectorIndex"/> (exact, SIMD), <see cref="SqliteVectorIndex"/> (one file, default),
/// <see cref="HnswVectorIndex"/> (approximate, large collections), <see cref="PgVectorIndex"/> (PostgreSQL + pgvector),
/// <see cref="VectorStoreCollectionIndex"/> (any Microsoft.Extensions.VectorData store).
/// </summary>
public interface IVectorIndex : IDisposable
{
    /// <summary>Inserts or replaces records (by id) as one unit: when the task completes they are stored.</summary>
    Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="topK"/> records most similar to <paramref name="query"/> that pass <paramref name="filter"/>, best first.</summary>
    Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int topK, VectorFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Whether a record with this id is stored.</summary>
    Task<bool> ContainsAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Number of stored records.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);
}
