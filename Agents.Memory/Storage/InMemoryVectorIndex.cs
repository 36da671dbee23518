using System.Numerics.Tensors;

namespace Agents.Memory.Storage;

/// <summary>
/// Exact nearest-neighbour search in memory: vectors in one contiguous array, SIMD dot products
/// (System.Numerics.Tensors), a bounded heap for the top k, and the scan split across cores for large collections.
/// Large collections also keep an int8 copy of each vector: a search scans that copy with a proven error bound and
/// rescores in float32 only the vectors that can still reach the top k, so it reads about a quarter of the bytes and
/// returns exactly what a float32 scan returns (same records, same scores; equal scores ordered by insertion).
/// Thread-safe. Nothing is persisted (see <see cref="SqliteVectorIndex"/>).
/// </summary>
public sealed class InMemoryVectorIndex : IVectorIndex
{
    private const int ParallelThreshold = 32_768;
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly List<VectorRecord> _records = [];
    private float[] _vectors = [];
    private int _dimensions;
    private Int8BoundedScan? _int8;

    /// <summary>Creates an empty index; the dimension is fixed by the first record (or by <paramref name="dimensions"/>).</summary>
    public InMemoryVectorIndex(int dimensions = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimensions);
        _dimensions = dimensions;
    }

    /// <summary>Vector length, 0 until the first record.</summary>
    public int Dimensions => _dimensions;

    /// <summary>Number of records.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _records.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Bytes held per vector: the floats plus the int8 copy and its bound terms (excluding text and metadata).</summary>
    public long BytesPerVector => ((long)_dimensions * sizeof(float)) + ScanBytesPerVector;

    /// <summary>Bytes a search over a large collection reads per vector (the int8 copy and its bound terms).</summary>
    public long ScanBytesPerVector => _dimensions == 0 ? 0 : _dimensions + (4 * sizeof(float));

    /// <summary>Collections at least this large are searched through the int8 copy (exact either way). For tests.</summary>
    internal int Int8ScanThreshold { get; set; } = 4096;

    /// <inheritdoc />
    public Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        Upsert(records);
        return Task.CompletedTask;
    }

    /// <summary>Synchronous <see cref="UpsertAsync"/>.</summary>
    public void Upsert(IReadOnlyList<VectorRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        _lock.EnterWriteLock();
        try
        {
            foreach (var r in records)
            {
                ArgumentNullException.ThrowIfNull(r);
                if (_dimensions == 0)
                {
                    _dimensions = r.Vector.Length;
                }

                if (r.Vector.Length != _dimensions || _dimensions == 0)
                {
                    throw new ArgumentException($"Record '{r.Id}' has {r.Vector.Length} dimensions; the index holds {_dimensions}.", nameof(records));
                }
            }

            foreach (var r in records)
            {
                if (!_slots.TryGetValue(r.Id, out var slot))
                {
                    slot = _records.Count;
                    _records.Add(r);
                    _slots[r.Id] = slot;
                    EnsureCapacity(_records.Count);
                }
                else
                {
                    _records[slot] = r;
                }

                r.Vector.Span.CopyTo(_vectors.AsSpan(slot * _dimensions, _dimensions));
                _int8!.Set(slot, r.Vector.Span);
            }
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
        _lock.EnterReadLock();
        try
        {
            var n = _records.Count;
            if (n == 0)
            {
                return [];
            }

            if (query.Length != _dimensions)
            {
                throw new ArgumentException($"The query has {query.Length} dimensions; the index holds {_dimensions}.", nameof(query));
            }

            var active = filter is null || filter.IsEmpty ? null : filter;
            var parts = n < ParallelThreshold ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 8);
            var best = n >= Int8ScanThreshold ? SearchInt8(query, n, topK, parts, active) : null;
            best ??= SearchFloat(query, n, topK, parts, active);
            var hits = new VectorHit[best.Length];
            for (var i = 0; i < best.Length; i++)
            {
                hits[i] = new VectorHit(_records[best[i].Item], best[i].Score);
            }

            return hits;
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
            return Task.FromResult(_slots.ContainsKey(id));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult((long)Count);

    /// <summary>The record with this id, or null.</summary>
    public VectorRecord? Get(string id)
    {
        _lock.EnterReadLock();
        try
        {
            return _slots.TryGetValue(id, out var slot) ? _records[slot] : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private (int Item, float Score)[]? SearchInt8(ReadOnlySpan<float> query, int n, int topK, int parts, VectorFilter? filter)
    {
        var q = query.ToArray();
        var d = _dimensions;
        var vectors = _vectors;
        var records = _records;
        return _int8!.Search(q, n, topK, parts, filter is null ? null : i => filter.Matches(records[i]), i => TensorPrimitives.Dot(q, vectors.AsSpan(i * d, d)));
    }

    private (int Item, float Score)[] SearchFloat(ReadOnlySpan<float> query, int n, int topK, int parts, VectorFilter? filter)
    {
        if (parts == 1)
        {
            var heap = new TopKCollector(topK);
            Scan(query, 0, n, filter, heap);
            return heap.ToSortedArray();
        }

        var heaps = new TopKCollector[parts];
        var q = query.ToArray();
        Parallel.For(0, parts, p =>
        {
            heaps[p] = new TopKCollector(topK);
            var start = (int)((long)n * p / parts);
            var end = (int)((long)n * (p + 1) / parts);
            Scan(q, start, end, filter, heaps[p]);
        });
        var merged = new TopKCollector(topK);
        foreach (var h in heaps)
        {
            merged.AddAll(h);
        }

        return merged.ToSortedArray();
    }

    private void Scan(ReadOnlySpan<float> query, int start, int end, VectorFilter? filter, TopKCollector heap)
    {
        var d = _dimensions;
        var vectors = _vectors.AsSpan();
        for (var i = start; i < end; i++)
        {
            if (filter is not null && !filter.Matches(_records[i]))
            {
                continue;
            }

            var score = TensorPrimitives.Dot(query, vectors.Slice(i * d, d));
            if (score >= heap.Threshold)
            {
                heap.Add(i, score);
            }
        }
    }

    private void EnsureCapacity(int rows)
    {
        var needed = (long)rows * _dimensions;
        if (needed <= _vectors.Length)
        {
            return;
        }

        var size = Math.Max(needed, Math.Min(Array.MaxLength, Math.Max(1024L, (long)_vectors.Length * 2)));
        if (size > Array.MaxLength)
        {
            throw new InvalidOperationException($"The in-memory index cannot hold {rows} vectors of {_dimensions} dimensions.");
        }

        Array.Resize(ref _vectors, (int)size);
        _int8 ??= new Int8BoundedScan(_dimensions);
        _int8.EnsureCapacity((int)(size / _dimensions));
    }
}
