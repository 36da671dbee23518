using Agents.Memory.Storage;

namespace Agents.Memory.Tests.Storage;

public sealed class HnswVectorIndexTests
{
    [Fact]
    public async Task SearchAsync_SmallCollection_FindsExactTopK()
    {
        using var index = new HnswVectorIndex(new HnswOptions { Dimensions = 16, ExpansionSearch = 200 });
        await VectorIndexContract.SearchMatchesBruteForceAsync(index);
    }

    [Fact]
    public async Task SearchAsync_ClusteredVectors_RecallAtLeast95Percent()
    {
        const int dims = 32;
        var rng = new Random(11);
        var centers = Enumerable.Range(0, 50).Select(_ => TestVectors.Random(rng, dims)).ToArray();
        float[] Sample()
        {
            var c = centers[rng.Next(centers.Length)];
            var noise = TestVectors.Random(rng, dims);
            var v = c.Zip(noise, (a, b) => a + (0.5f * b)).ToArray();
            var n = (float)Math.Sqrt(v.Sum(x => x * x));
            return v.Select(x => x / n).ToArray();
        }

        var records = Enumerable.Range(0, 5000).Select(i => new VectorRecord($"id{i}", Sample(), "t")).ToList();
        using var index = new HnswVectorIndex(new HnswOptions { Dimensions = dims });
        await index.UpsertAsync(records);
        double found = 0;
        for (var q = 0; q < 50; q++)
        {
            var query = Sample();
            var truth = TestVectors.BruteForce(records, query, 10).ToHashSet();
            found += (await index.SearchAsync(query, 10)).Count(h => truth.Contains(h.Record.Id));
        }

        Assert.True(found / 500 >= 0.95, $"recall@10 = {found / 500:0.000}");
    }

    [Fact]
    public async Task SearchAsync_WithFilters_ReturnsOnlyMatchingBestFirst()
    {
        using var index = new HnswVectorIndex(new HnswOptions { Dimensions = 16, ExpansionSearch = 400 });
        await VectorIndexContract.FiltersAsync(index);
    }

    [Fact]
    public async Task UpsertAsync_SameId_ReplacesRecord()
    {
        using var index = new HnswVectorIndex(new HnswOptions { Dimensions = 16 });
        await VectorIndexContract.UpsertReplacesAndRoundTripsMetadataAsync(index);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new HnswVectorIndex(new HnswOptions { Dimensions = 0 }));
        Assert.Contains("Dimensions", ex.Message, StringComparison.Ordinal);
    }
}
