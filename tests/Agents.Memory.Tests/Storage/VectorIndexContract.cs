using Agents.Memory.Storage;

namespace Agents.Memory.Tests.Storage;

/// <summary>Checks every <see cref="IVectorIndex"/> must pass; each store's test class runs them.</summary>
internal static class VectorIndexContract
{
    public static async Task SearchMatchesBruteForceAsync(IVectorIndex index, int n = 500, int dims = 16)
    {
        var records = TestVectors.Records(n, dims);
        await index.UpsertAsync(records);
        Assert.Equal(n, await index.CountAsync());
        var rng = new Random(7);
        for (var q = 0; q < 10; q++)
        {
            var query = TestVectors.Random(rng, dims);
            var hits = await index.SearchAsync(query, 10);
            Assert.Equal(TestVectors.BruteForce(records, query, 10), hits.Select(h => h.Record.Id).ToList());
            Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score - 1e-6));
        }
    }

    public static async Task FiltersAsync(IVectorIndex index, int dims = 16)
    {
        var records = TestVectors.Records(200, dims);
        await index.UpsertAsync(records);
        var query = TestVectors.Random(new Random(3), dims);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        VectorFilter[] filters =
        [
            new() { Source = "odd" },
            new() { AnyTag = ["m1", "m3"] },
            new() { From = start.AddHours(50), To = start.AddHours(60) },
            new() { Source = "even", AnyTag = ["m2"], From = start.AddHours(20) },
        ];
        foreach (var filter in filters)
        {
            var hits = await index.SearchAsync(query, 5, filter);
            Assert.Equal(TestVectors.BruteForce(records, query, 5, filter), hits.Select(h => h.Record.Id).ToList());
            Assert.All(hits, h => Assert.True(filter.Matches(h.Record)));
        }
    }

    public static async Task UpsertReplacesAndRoundTripsMetadataAsync(IVectorIndex index, int dims = 16)
    {
        var records = TestVectors.Records(3, dims);
        await index.UpsertAsync(records);
        var replaced = records[1] with { Text = "replaced", Tags = ["a", "b"], Source = "s" };
        await index.UpsertAsync([replaced]);
        Assert.Equal(3, await index.CountAsync());
        Assert.True(await index.ContainsAsync("id1"));
        Assert.False(await index.ContainsAsync("nope"));
        var hit = (await index.SearchAsync(replaced.Vector, 1)).Single();
        Assert.Equal("id1", hit.Record.Id);
        Assert.Equal("replaced", hit.Record.Text);
        Assert.Equal("s", hit.Record.Source);
        Assert.Equal(["a", "b"], hit.Record.Tags);
        Assert.Equal(replaced.Timestamp.ToUnixTimeMilliseconds(), hit.Record.Timestamp.ToUnixTimeMilliseconds());
        Assert.Equal(1.0, hit.Score, 4);
        Assert.Equal(replaced.Vector.ToArray(), hit.Record.Vector.ToArray());
    }

    public static async Task WrongDimensionsThrowAsync(IVectorIndex index, int dims = 16)
    {
        await index.UpsertAsync(TestVectors.Records(2, dims));
        await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync([new VectorRecord("bad", new float[dims + 1], "x")]));
        await Assert.ThrowsAsync<ArgumentException>(() => index.SearchAsync(new float[dims - 1], 3));
    }
}
