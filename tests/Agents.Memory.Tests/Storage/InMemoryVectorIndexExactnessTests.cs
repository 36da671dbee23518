using System.Numerics.Tensors;
using Agents.Memory.Storage;

namespace Agents.Memory.Tests.Storage;

/// <summary>The int8-bounded search must return exactly the float32 top k: same records, same scores, same order.</summary>
public sealed class InMemoryVectorIndexExactnessTests
{
    [Theory]
    [InlineData(3000, 384, 1)]
    [InlineData(3000, 384, 10)]
    [InlineData(5000, 64, 100)]
    [InlineData(40_000, 32, 10)] // split over cores
    public void Search_RandomVectors_Int8PathEqualsFloat32Scan(int n, int dims, int k)
    {
        var rng = new Random(n + dims + k);
        var records = Enumerable.Range(0, n).Select(i => Record(i, Gaussian(rng, dims, normalize: true))).ToList();
        var queries = Enumerable.Range(0, 20).Select(_ => Gaussian(rng, dims, normalize: true)).Append(records[7].Vector.ToArray()).ToList();
        AssertSameAsFloat32(records, queries, k);
    }

    [Fact]
    public void Search_TiesDuplicatesAndNearTies_Int8PathEqualsFloat32Scan()
    {
        const int dims = 48;
        var rng = new Random(5);
        var basis = Gaussian(rng, dims, normalize: true);
        var records = new List<VectorRecord>();
        for (var i = 0; i < 300; i++)
        {
            records.Add(Record(records.Count, basis)); // exact duplicates: equal scores, order by insertion
        }

        for (var i = 0; i < 600; i++)
        {
            var v = (float[])basis.Clone();
            var j = rng.Next(dims);
            v[j] = i % 2 == 0 ? MathF.BitIncrement(v[j]) : MathF.BitDecrement(v[j]); // one ulp away
            records.Add(Record(records.Count, v));
        }

        for (var i = 0; i < 2000; i++)
        {
            records.Add(Record(records.Count, Gaussian(rng, dims, normalize: true)));
        }

        Shuffle(records, rng);
        var queries = new List<float[]> { basis, records[0].Vector.ToArray(), Gaussian(rng, dims, normalize: true), new float[dims] };
        foreach (var k in new[] { 1, 10, 299, 300, 301, 1000 })
        {
            AssertSameAsFloat32(records, queries, k);
        }
    }

    [Fact]
    public void Search_ExtremeScalesAndNonFiniteValues_Int8PathEqualsFloat32Scan()
    {
        const int dims = 40;
        var rng = new Random(8);
        var records = new List<VectorRecord>();
        for (var i = 0; i < 3000; i++)
        {
            var v = Gaussian(rng, dims, normalize: false);
            switch (i % 10)
            {
                case 0: v[rng.Next(dims)] = 1e6f; break; // one huge component: everything else quantizes to 0
                case 1: TensorPrimitives.Multiply(v, 1e-30f, v); break; // subnormal range
                case 2: TensorPrimitives.Multiply(v, 1e20f, v); break;
                case 3: Array.Clear(v); break;
                case 4 when i % 100 == 4: v[0] = float.NaN; break;
                case 5 when i % 100 == 5: v[1] = float.PositiveInfinity; break;
                default: break;
            }

            records.Add(Record(i, v));
        }

        var queries = new List<float[]> { Gaussian(rng, dims, normalize: true), Gaussian(rng, dims, normalize: false), records[30].Vector.ToArray() };
        var spiky = new float[dims];
        spiky[3] = -2e5f;
        spiky[4] = 1e-3f;
        queries.Add(spiky);
        foreach (var k in new[] { 1, 10, 50 })
        {
            AssertSameAsFloat32(records, queries, k);
        }
    }

    [Fact]
    public void Search_WithFiltersAndTopKAboveCount_Int8PathEqualsFloat32Scan()
    {
        var rng = new Random(13);
        var records = Enumerable.Range(0, 4000).Select(i => Record(i, Gaussian(rng, 64, normalize: true))).ToList();
        var queries = Enumerable.Range(0, 5).Select(_ => Gaussian(rng, 64, normalize: true)).ToList();
        var filters = new[] { new VectorFilter { Source = "s3" }, new VectorFilter { AnyTag = ["t1"] }, new VectorFilter { Source = "none" } };
        foreach (var filter in filters)
        {
            AssertSameAsFloat32(records, queries, 10, filter);
            AssertSameAsFloat32(records, queries, 5000, filter);
        }

        AssertSameAsFloat32(records, queries, 5000);
    }

    [Fact]
    public void BytesPerVector_Reports_FloatsPlusInt8Copy()
    {
        using var index = new InMemoryVectorIndex(384);
        Assert.Equal(400, index.ScanBytesPerVector);
        Assert.Equal(1536 + 400, index.BytesPerVector);
    }

    private static void AssertSameAsFloat32(List<VectorRecord> records, List<float[]> queries, int k, VectorFilter? filter = null)
    {
        using var int8 = new InMemoryVectorIndex { Int8ScanThreshold = 0 };
        using var plain = new InMemoryVectorIndex { Int8ScanThreshold = int.MaxValue };
        int8.Upsert(records);
        plain.Upsert(records);
        foreach (var q in queries)
        {
            var expected = Reference(records, q, k, filter);
            var viaPlain = plain.Search(q, k, filter).Select(h => (h.Record.Id, (float)h.Score)).ToList();
            var viaInt8 = int8.Search(q, k, filter).Select(h => (h.Record.Id, (float)h.Score)).ToList();
            Assert.Equal(expected, viaPlain);
            Assert.Equal(expected, viaInt8);
        }
    }

    /// <summary>Every record scored with the float32 dot product, best first, equal scores by insertion order; NaN never ranks.</summary>
    private static List<(string, float)> Reference(List<VectorRecord> records, float[] q, int k, VectorFilter? filter) =>
        records.Select((r, i) => (r, i, Score: TensorPrimitives.Dot(q, r.Vector.Span)))
            .Where(x => !float.IsNaN(x.Score) && (filter is null || filter.Matches(x.r)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.i).Take(k).Select(x => (x.r.Id, x.Score)).ToList();

    private static VectorRecord Record(int i, float[] v) => new($"id{i}", v, "t") { Source = $"s{i % 7}", Tags = [$"t{i % 3}"] };

    private static float[] Gaussian(Random rng, int dims, bool normalize)
    {
        var v = new float[dims];
        for (var j = 0; j < dims; j++)
        {
            v[j] = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        }

        if (normalize)
        {
            TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        }

        return v;
    }

    private static void Shuffle(List<VectorRecord> records, Random rng)
    {
        for (var i = records.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (records[i], records[j]) = (records[j], records[i]);
        }
    }
}
