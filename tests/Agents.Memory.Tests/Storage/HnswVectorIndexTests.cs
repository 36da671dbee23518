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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task UpsertAsync_OneAtATimeOrInBatches_NearlyEveryRecordIsItsOwnNearest(int addThreads)
    {
        var records = TestVectors.Records(3000, 24, seed: 4);
        using var index = new HnswVectorIndex(new HnswOptions { Dimensions = 24, AddThreads = addThreads, ExpansionSearch = 64 });
        foreach (var r in records.Take(300))
        {
            await index.UpsertAsync([r]);
        }

        await index.UpsertAsync(records.Skip(300).ToList());
        Assert.Equal(3000, index.Count);
        var found = 0;
        foreach (var r in records)
        {
            found += (await index.SearchAsync(r.Vector, 1))[0].Record.Id == r.Id ? 1 : 0;
        }

        // Approximate: a graph built on several threads differs from run to run; nearly every record must find itself.
        Assert.True(found >= 0.99 * records.Count, $"{found} of {records.Count} records found themselves first");
    }

    [Fact]
    public async Task UpsertAsync_SameIdTwiceInOneBatch_KeepsTheLast()
    {
        var rng = new Random(3);
        var first = TestVectors.Random(rng, 16);
        var last = TestVectors.Random(rng, 16);
        var others = TestVectors.Records(100, 16, seed: 9);
        using var index = new HnswVectorIndex(new HnswOptions { Dimensions = 16, AddThreads = 2 });
        await index.UpsertAsync([.. others, new VectorRecord("dup", first, "first"), new VectorRecord("dup", last, "last")]);
        Assert.Equal(101, index.Count);
        var hit = (await index.SearchAsync(last, 1))[0];
        Assert.Equal("last", hit.Record.Text);
        Assert.DoesNotContain(await index.SearchAsync(first, 101), h => h.Record.Text == "first");
    }

    [Fact]
    public void Constructor_ZeroAddThreads_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new HnswVectorIndex(new HnswOptions { Dimensions = 4, AddThreads = 0 }));
        Assert.Contains("AddThreads", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void USearchCapacity_CurrentPackage_CanReserveAhead()
    {
        // If a package update hides the native handle, adds fall back to one thread and per-add growth: notice it here.
        Assert.True(USearchCapacity.Supported);
        using var index = new Cloud.Unum.USearch.USearchIndex(Cloud.Unum.USearch.MetricKind.Cos, Cloud.Unum.USearch.ScalarKind.Float32, 8);
        Assert.True(USearchCapacity.Reserve(index, 1000));
        Assert.True(index.Capacity() >= 1000);
    }
}
