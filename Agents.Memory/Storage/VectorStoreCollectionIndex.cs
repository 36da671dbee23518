using System.Linq.Expressions;
using Microsoft.Extensions.VectorData;

namespace Agents.Memory.Storage;

/// <summary>
/// Uses any Microsoft.Extensions.VectorData collection (a Semantic Kernel connector for Qdrant, Redis, Azure AI Search…)
/// as the memory's <see cref="IVectorIndex"/>. Filters become VectorData filter expressions (equality on Source,
/// <c>Tags.Contains</c>, time comparisons); the store must support them.
/// </summary>
public sealed class VectorStoreCollectionIndex : IVectorIndex
{
    private readonly VectorStoreCollection<string, MemoryVectorRecord> _collection;
    private readonly bool _ownsCollection;

    /// <summary>Wraps <paramref name="collection"/>; disposes it with this index when <paramref name="ownsCollection"/> is true.</summary>
    public VectorStoreCollectionIndex(VectorStoreCollection<string, MemoryVectorRecord> collection, bool ownsCollection = false)
    {
        ArgumentNullException.ThrowIfNull(collection);
        _collection = collection;
        _ownsCollection = ownsCollection;
    }

    /// <inheritdoc />
    public async Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await _collection.EnsureCollectionExistsAsync(cancellationToken).ConfigureAwait(false);
        await _collection.UpsertAsync(records.Select(MemoryVectorRecord.From), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int topK, VectorFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        var options = new VectorSearchOptions<MemoryVectorRecord> { Filter = ToExpression(filter) };
        var hits = new List<VectorHit>(topK);
        await foreach (var result in _collection.SearchAsync(query, topK, options, cancellationToken).ConfigureAwait(false))
        {
            hits.Add(new VectorHit(result.Record.ToVectorRecord(), result.Score ?? 0));
        }

        return hits;
    }

    /// <inheritdoc />
    public async Task<bool> ContainsAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await _collection.GetAsync(id, null, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <inheritdoc />
    /// <remarks>VectorData has no count: unless the collection wraps one of our stores, this enumerates the records (slow on large remote collections).</remarks>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        if (_collection.GetService(typeof(IVectorIndex)) is IVectorIndex inner)
        {
            return await inner.CountAsync(cancellationToken).ConfigureAwait(false);
        }

        long n = 0;
        await foreach (var _ in _collection.GetAsync(r => true, int.MaxValue, null, cancellationToken).ConfigureAwait(false))
        {
            n++;
        }

        return n;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsCollection)
        {
            _collection.Dispose();
        }
    }

    /// <summary>The VectorData filter expression equivalent to <paramref name="filter"/> (null when empty).</summary>
    public static Expression<Func<MemoryVectorRecord, bool>>? ToExpression(VectorFilter? filter)
    {
        if (filter is null || filter.IsEmpty)
        {
            return null;
        }

        var r = Expression.Parameter(typeof(MemoryVectorRecord), "r");
        Expression? body = null;
        void And(Expression e) => body = body is null ? e : Expression.AndAlso(body, e);

        if (filter.Source is { } source)
        {
            And(Expression.Equal(Expression.Property(r, nameof(MemoryVectorRecord.Source)), Expression.Constant(source, typeof(string))));
        }

        if (filter.AnyTag is { Count: > 0 } tags)
        {
            var contains = typeof(Enumerable).GetMethods().First(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(string));
            Expression? any = null;
            foreach (var tag in tags)
            {
                var c = Expression.Call(contains, Expression.Property(r, nameof(MemoryVectorRecord.Tags)), Expression.Constant(tag));
                any = any is null ? c : Expression.OrElse(any, c);
            }

            And(any!);
        }

        if (filter.From is { } from)
        {
            And(Expression.GreaterThanOrEqual(Expression.Property(r, nameof(MemoryVectorRecord.Timestamp)), Expression.Constant(from)));
        }

        if (filter.To is { } to)
        {
            And(Expression.LessThan(Expression.Property(r, nameof(MemoryVectorRecord.Timestamp)), Expression.Constant(to)));
        }

        return Expression.Lambda<Func<MemoryVectorRecord, bool>>(body!, r);
    }
}
