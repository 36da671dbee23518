using System.Diagnostics;
using Agents.Memory.Storage;

namespace Agents.Benchmarks.Memory;

/// <summary>Exact top-10 latency, HNSW recall@10 and latency, storage bytes per vector.</summary>
internal static class SearchBench
{
    public static void Exact(int n, int dims)
    {
        var data = Clustered(n, dims, seed: 1);
        var records = data.Select((v, i) => new VectorRecord($"id{i}", v, string.Empty)).ToArray();
        using var index = new InMemoryVectorIndex(dims);
        index.Upsert(records);
        using var plain = new InMemoryVectorIndex(dims) { Int8ScanThreshold = int.MaxValue };
        plain.Upsert(records);
        var queries = Clustered(200, dims, seed: 2);
        for (var i = 0; i < 20; i++)
        {
            index.Search(queries[i], 10);
            plain.Search(queries[i], 10);
        }

        // Alternate the two searches query by query so both see the same machine state.
        var times = new List<double>();
        var floatTimes = new List<double>();
        var mismatches = 0;
        foreach (var q in queries)
        {
            var sw = Stopwatch.StartNew();
            var viaInt8 = index.Search(q, 10);
            times.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            var viaFloat = plain.Search(q, 10);
            floatTimes.Add(sw.Elapsed.TotalMilliseconds);
            if (!viaInt8.Select(h => (h.Record.Id, h.Score)).SequenceEqual(viaFloat.Select(h => (h.Record.Id, h.Score))))
            {
                mismatches++;
            }
        }

        // Reference in the same run: one pass summing a float array of the same size (the memory-read floor of a float32 scan).
        var flat = new float[(long)n * dims > Array.MaxLength ? Array.MaxLength : n * dims];
        Array.Fill(flat, 0.5f);
        var sums = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var sw = Stopwatch.StartNew();
            var parts = Math.Min(Environment.ProcessorCount, 8);
            var partial = new float[parts];
            Parallel.For(0, parts, p => partial[p] = System.Numerics.Tensors.TensorPrimitives.Sum(flat.AsSpan((int)((long)flat.Length * p / parts), (int)((long)flat.Length * (p + 1) / parts) - (int)((long)flat.Length * p / parts))));
            sums.Add(sw.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine();
        Console.WriteLine($"## Exact top-10, {n:N0} × {dims} float32 (InMemoryVectorIndex, scan split over {Math.Min(Environment.ProcessorCount, 8)} cores), {queries.Length} queries, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine($"| int8-bounded: mean ms | p50 ms | p95 ms | float32 scan (same run): mean ms | p50 ms | p95 ms | results differing | bytes/vector held (scanned) | reference: parallel sum over {(long)n * dims * 4 / 1e6:0} MB, p50 ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {times.Average():0.00} | {Percentile(times, 50):0.00} | {Percentile(times, 95):0.00} | {floatTimes.Average():0.00} | {Percentile(floatTimes, 50):0.00} | {Percentile(floatTimes, 95):0.00} | {mismatches} of {queries.Length} | {index.BytesPerVector} ({index.ScanBytesPerVector}) | {Percentile(sums, 50):0.00} |");
    }

    public static void Storage(int n, int dims)
    {
        var path = Path.Combine(Path.GetTempPath(), $"agents-bench-{Guid.NewGuid():N}.db");
        try
        {
            var data = Clustered(n, dims, seed: 3);
            var sw = Stopwatch.StartNew();
            using (var index = SqliteVectorIndex.Open(path))
            {
                for (var i = 0; i < n; i += 1000)
                {
                    index.UpsertAsync(data.Skip(i).Take(1000).Select((v, j) => new VectorRecord($"id{i + j}", v, "chunk text of a typical size " + (i + j)) { Source = "bench" }).ToArray()).GetAwaiter().GetResult();
                }
            }

            var write = sw.Elapsed.TotalSeconds;
            sw.Restart();
            using (var reopened = SqliteVectorIndex.Open(path))
            {
                var open = sw.Elapsed.TotalSeconds;
                var bytes = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
                Console.WriteLine();
                Console.WriteLine($"## SQLite store, {n:N0} × {dims} (1,000 records per transaction, WAL, synchronous=FULL)");
                Console.WriteLine("| insert records/s | open + load s | file bytes/record (incl. ~35 B text, metadata, index) |");
                Console.WriteLine("|---|---|---|");
                Console.WriteLine($"| {n / write:0} | {open:0.00} | {bytes / (double)n:0} |");
            }
        }
        finally
        {
            foreach (var f in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    public static void Hnsw(int n, int dims, double maxBuildSeconds)
    {
        var data = Clustered(n, dims, seed: 5);
        var queries = Clustered(200, dims, seed: 6);
        Console.WriteLine();
        Console.WriteLine($"## HNSW (USearch, M=16, efConstruction=128, cosine, float32), up to {n:N0} × {dims}, clustered data (2,000 centres, noise 0.6), {queries.Length} queries, build capped at {maxBuildSeconds:0} s");
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var build = Stopwatch.StartNew();
        var lap = Stopwatch.StartNew();
        using var index = new HnswVectorIndex(new HnswOptions { Dimensions = dims, ExpansionSearch = 16 });
        const int chunk = 10_000;
        var built = 0;
        while (built < n && build.Elapsed.TotalSeconds < maxBuildSeconds)
        {
            var take = Math.Min(chunk, n - built);
            index.Upsert(Enumerable.Range(built, take).Select(i => new VectorRecord($"id{i}", data[i], string.Empty)).ToArray());
            built += take;
            if (built % 100_000 == 0)
            {
                Console.WriteLine($"  {built:N0} built, {build.Elapsed.TotalSeconds:0} s, last 100k at {100_000 / lap.Elapsed.TotalSeconds:0} vectors/s, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
                lap.Restart();
            }
        }

        var buildSeconds = build.Elapsed.TotalSeconds;
        GC.Collect();
        var after = Process.GetCurrentProcess().WorkingSet64;

        // Ground truth by exact scan over the vectors that were built.
        using var exact = new InMemoryVectorIndex(dims);
        exact.Upsert(Enumerable.Range(0, built).Select(i => new VectorRecord($"id{i}", data[i], string.Empty)).ToArray());
        var truth = queries.Select(q => exact.Search(q, 10).Select(h => h.Record.Id).ToHashSet()).ToArray();
        Console.WriteLine($"built {built:N0} in {buildSeconds:0.0} s ({built / buildSeconds:0} vectors/s, {Math.Min(Environment.ProcessorCount, new HnswOptions().AddThreads)} add threads); process memory +{(after - before) / (double)built:0} bytes/vector (vectors + graph + records); SIMD: {index.HardwareAcceleration}; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine("| ef_search | recall@10 | mean ms/query | p50 ms | p99 ms |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var ef in new[] { 16, 32, 64, 128, 256 })
        {
            var (recall, mean, p50, p99) = Measure(index, ef, queries, truth);
            Console.WriteLine($"| {ef} | {recall:0.000} | {mean:0.000} | {p50:0.000} | {p99:0.000} |");
        }
    }

    private static (double Recall, double Mean, double P50, double P99) Measure(HnswVectorIndex index, int ef, float[][] queries, HashSet<string>[] truth)
    {
        index.ExpansionSearch = ef;
        for (var i = 0; i < 20; i++)
        {
            index.Search(queries[i], 10);
        }

        var times = new List<double>();
        double found = 0;
        for (var i = 0; i < queries.Length; i++)
        {
            var sw = Stopwatch.StartNew();
            var hits = index.Search(queries[i], 10);
            times.Add(sw.Elapsed.TotalMilliseconds);
            found += hits.Count(h => truth[i].Contains(h.Record.Id));
        }

        return (found / (10.0 * queries.Length), times.Average(), Percentile(times, 50), Percentile(times, 99));
    }

    /// <summary>Unit vectors around 2,000 random centres: closer to sentence embeddings than uniform noise.</summary>
    private static float[][] Clustered(int n, int dims, int seed)
    {
        var centres = Uniform(2000, dims, new Random(42));
        var rng = new Random(seed);
        var result = new float[n][];
        for (var i = 0; i < n; i++)
        {
            var c = centres[rng.Next(centres.Length)];
            var v = new float[dims];
            for (var d = 0; d < dims; d++)
            {
                v[d] = c[d] + (0.6f * (float)Gaussian(rng) / MathF.Sqrt(dims));
            }

            Normalize(v);
            result[i] = v;
        }

        return result;
    }

    private static float[][] Uniform(int n, int dims, Random rng)
    {
        var result = new float[n][];
        for (var i = 0; i < n; i++)
        {
            var v = new float[dims];
            for (var d = 0; d < dims; d++)
            {
                v[d] = (float)Gaussian(rng);
            }

            Normalize(v);
            result[i] = v;
        }

        return result;
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static void Normalize(float[] v)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(v, v));
        System.Numerics.Tensors.TensorPrimitives.Divide(v, norm, v);
    }

    private static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)];
    }
}
