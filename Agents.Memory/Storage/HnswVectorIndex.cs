using System.Runtime.InteropServices;
using Cloud.Unum.USearch;

namespace Agents.Memory.Storage;

/// <summary>
/// Approximate nearest-neighbour search for large collections: an HNSW graph (USearch, cosine metric, float32)
/// with the records kept beside it in memory. Filters are applied to an oversampled candidate list.
/// Not persisted; rebuild it from a <see cref="SqliteVectorIndex"/> or another store.
/// </summary>
public sealed class HnswVectorIndex : IVectorIndex
{
    private readonly USearchIndex _index;
    private readonly HnswOptions _options;
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, ulong> _keys = new(StringComparer.Ordinal);
    private readonly List<VectorRecord?> _records = [];
    private int _expansionSearch;

    /// <summary>Creates an empty graph.</summary>
    public HnswVectorIndex(HnswOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _expansionSearch = options.ExpansionSearch;
        _index = new USearchIndex(MetricKind.Cos, ScalarKind.Float32, (ulong)options.Dimensions, (ulong)options.Connectivity,
            (ulong)options.ExpansionAdd, (ulong)options.ExpansionSearch, false);
    }

    /// <summary>
    /// Candidates examined per query (ef). Can be changed between queries: a query asks the graph for
    /// max(top k, ExpansionSearch) neighbours, which makes USearch search at least that wide, and keeps the best k.
    /// </summary>
    public int ExpansionSearch
    {
        get => _expansionSearch;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _expansionSearch = value;
        }
    }

    /// <summary>Number of records.</summary>
    public long Count => (long)_index.Size();

    /// <inheritdoc />
    public Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        Upsert(records, cancellationToken);
        return Task.CompletedTask;
    }

    /// <summary>Synchronous <see cref="UpsertAsync"/>.</summary>
    public void Upsert(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var r in records)
        {
            if (r.Vector.Length != _options.Dimensions)
            {
                throw new ArgumentException($"Record '{r.Id}' has {r.Vector.Length} dimensions; the index holds {_options.Dimensions}.", nameof(records));
            }
        }

        _lock.EnterWriteLock();
        try
        {
            // Assign keys in order (a later record with the same id wins), then add the vectors to the graph.
            var pending = new List<(ulong Key, VectorRecord Record)>(records.Count);
            var firstKey = (ulong)_records.Count;
            foreach (var r in records)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_keys.TryGetValue(r.Id, out var old))
                {
                    if (old < firstKey)
                    {
                        _index.Remove(old);
                    }

                    _records[(int)old] = null;
                }

                var key = (ulong)_records.Count;
                _records.Add(r);
                _keys[r.Id] = key;
                pending.Add((key, r));
            }

            AddToGraph(pending, cancellationToken);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int topK, VectorFilter? filter = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Search(query.Span, topK, filter));

    /// <summary>Synchronous <see cref="SearchAsync"/>.</summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int topK, VectorFilter? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        if (query.Length != _options.Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; the index holds {_options.Dimensions}.", nameof(query));
        }

        var q = query.ToArray();
        _lock.EnterReadLock();
        try
        {
            var size = (long)_index.Size();
            if (size == 0)
            {
                return [];
            }

            var active = filter is null || filter.IsEmpty ? null : filter;
            var want = (int)Math.Min(size, Math.Max(_expansionSearch, active is null ? topK : (long)topK * _options.FilterOversampling));
            while (true)
            {
                var keys = new ulong[want];
                var distances = new float[want];
                var found = _index.Search(q, want, out keys, out distances);
                var hits = new List<VectorHit>(topK);
                for (var i = 0; i < found && hits.Count < topK; i++)
                {
                    var record = _records[(int)keys[i]];
                    if (record is not null && (active is null || active.Matches(record)))
                    {
                        hits.Add(new VectorHit(record, 1.0 - distances[i]));
                    }
                }

                if (hits.Count >= topK || want >= size)
                {
                    return hits;
                }

                want = (int)Math.Min(size, (long)want * 4);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public Task<bool> ContainsAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        _lock.EnterReadLock();
        try
        {
            return Task.FromResult(_keys.ContainsKey(id));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(Count);

    /// <summary>The SIMD flavour USearch uses on this machine (for benchmark reports).</summary>
    public string HardwareAcceleration => _index.HardwareAcceleration();

    private void AddToGraph(List<(ulong Key, VectorRecord Record)> pending, CancellationToken cancellationToken)
    {
        var live = pending.Where(p => _records[(int)p.Key] is not null).ToArray();
        if (live.Length == 0)
        {
            return;
        }

        var threads = Math.Min(_options.AddThreads, Environment.ProcessorCount);
        if (!USearchCapacity.Reserve(_index, live.Length) || threads <= 1 || live.Length < 2 * threads)
        {
            foreach (var (key, record) in live)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _index.Add(key, AsArray(record.Vector));
            }

            return;
        }

        Parallel.For(0, live.Length, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
            i => _index.Add(live[i].Key, AsArray(live[i].Record.Vector)));
    }

    private static float[] AsArray(ReadOnlyMemory<float> vector) =>
        MemoryMarshal.TryGetArray(vector, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : vector.ToArray();

    /// <inheritdoc />
    public void Dispose()
    {
        _index.Dispose();
        _lock.Dispose();
    }
}
