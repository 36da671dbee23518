using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;

namespace Agents.Memory.Storage;

/// <summary>
/// Exposes one of our stores (<see cref="IVectorIndex"/>: SQLite, in-memory, HNSW, pgvector) as a
/// Microsoft.Extensions.VectorData collection, so code written against VectorData (Semantic Kernel text search,
/// Agent Framework) can use it. Search input must be a <see cref="ReadOnlyMemory{T}"/> of float or float[];
/// filters are evaluated in process on an oversampled candidate list. Deletion is not supported.
/// </summary>
public sealed class VectorIndexCollection : VectorStoreCollection<string, MemoryVectorRecord>
{
    private readonly IVectorIndex _index;

    /// <summary>Wraps <paramref name="index"/> under <paramref name="name"/>.</summary>
    public VectorIndexCollection(IVectorIndex index, string name = "memory")
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _index = index;
        Name = name;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    /// <inheritdoc />
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The memory stores do not delete collections.");

    /// <inheritdoc />
    public override Task<MemoryVectorRecord?> GetAsync(string key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Lookup by key is not supported by the memory stores; use SearchAsync.");

    /// <inheritdoc />
    public override IAsyncEnumerable<MemoryVectorRecord> GetAsync(System.Linq.Expressions.Expression<Func<MemoryVectorRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<MemoryVectorRecord>? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Listing by filter is not supported by the memory stores; use SearchAsync.");

    /// <inheritdoc />
    public override Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The memory stores are append/replace only.");

    /// <inheritdoc />
    public override Task UpsertAsync(MemoryVectorRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _index.UpsertAsync([record.ToVectorRecord()], cancellationToken);
    }

    /// <inheritdoc />
    public override Task UpsertAsync(IEnumerable<MemoryVectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return _index.UpsertAsync(records.Select(r => r.ToVectorRecord()).ToArray(), cancellationToken);
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<VectorSearchResult<MemoryVectorRecord>> SearchAsync<TInput>(TInput searchValue, int top, VectorSearchOptions<MemoryVectorRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ReadOnlyMemory<float> query = searchValue switch
        {
            ReadOnlyMemory<float> m => m,
            float[] a => a,
            Microsoft.Extensions.AI.Embedding<float> e => e.Vector,
            _ => throw new NotSupportedException($"Search input of type {typeof(TInput).Name} is not supported; pass ReadOnlyMemory<float>, float[] or Embedding<float>."),
        };
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var skip = options?.Skip ?? 0;
        var predicate = options?.Filter?.Compile();
        var total = await _index.CountAsync(cancellationToken).ConfigureAwait(false);
        var want = (int)Math.Min(Math.Max(1, total), predicate is null ? top + skip : (long)(top + skip) * 4);
        while (true)
        {
            var hits = await _index.SearchAsync(query, want, null, cancellationToken).ConfigureAwait(false);
            var results = hits.Select(h => new VectorSearchResult<MemoryVectorRecord>(MemoryVectorRecord.From(h.Record), h.Score))
                .Where(r => predicate is null || predicate(r.Record))
                .Where(r => options?.ScoreThreshold is not { } min || r.Score >= min)
                .Skip(skip).Take(top).ToList();
            if (results.Count >= top || want >= total)
            {
                foreach (var r in results)
                {
                    yield return r;
                }

                yield break;
            }

            want = (int)Math.Min(total, (long)want * 4);
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreCollectionMetadata) ? new VectorStoreCollectionMetadata { VectorStoreSystemName = "agents-memory", CollectionName = Name }
            : serviceType.IsInstanceOfType(_index) ? _index
            : null;
    }
}
