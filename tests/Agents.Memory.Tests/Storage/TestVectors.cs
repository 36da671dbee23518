using Agents.Memory.Storage;

namespace Agents.Memory.Tests.Storage;

internal static class TestVectors
{
    public static float[] Random(Random rng, int dims)
    {
        var v = new float[dims];
        for (var i = 0; i < dims; i++)
        {
            v[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        var norm = (float)Math.Sqrt(v.Sum(x => x * x));
        for (var i = 0; i < dims; i++)
        {
            v[i] /= norm;
        }

        return v;
    }

    public static List<VectorRecord> Records(int n, int dims, int seed = 1)
    {
        var rng = new Random(seed);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, n).Select(i => new VectorRecord($"id{i}", Random(rng, dims), $"text {i}")
        {
            Source = i % 2 == 0 ? "even" : "odd",
            Tags = [$"m{i % 5}"],
            Timestamp = start.AddHours(i),
        }).ToList();
    }

    /// <summary>Brute-force reference top-k (double precision).</summary>
    public static List<string> BruteForce(IReadOnlyList<VectorRecord> records, float[] query, int k, VectorFilter? filter = null) =>
        records.Where(r => filter is null || filter.Matches(r))
            .Select(r => (r.Id, Score: r.Vector.ToArray().Zip(query, (a, b) => (double)a * b).Sum()))
            .OrderByDescending(x => x.Score).Take(k).Select(x => x.Id).ToList();
}
