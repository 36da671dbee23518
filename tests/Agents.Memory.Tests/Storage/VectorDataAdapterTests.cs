using Agents.Memory.Storage;
using Microsoft.Extensions.VectorData;

namespace Agents.Memory.Tests.Storage;

public sealed class VectorDataAdapterTests
{
    [Fact]
    public async Task VectorStoreCollectionIndex_OverVectorIndexCollection_MatchesBruteForce()
    {
        using var inner = new InMemoryVectorIndex();
        using var collection = new VectorIndexCollection(inner);
        using var index = new VectorStoreCollectionIndex(collection);
        await VectorIndexContract.SearchMatchesBruteForceAsync(index, n: 300);
    }

    [Fact]
    public async Task VectorStoreCollectionIndex_Filters_TranslateToVectorDataExpressions()
    {
        using var inner = new InMemoryVectorIndex();
        using var collection = new VectorIndexCollection(inner);
        using var index = new VectorStoreCollectionIndex(collection);
        await VectorIndexContract.FiltersAsync(index);
    }

    [Fact]
    public async Task VectorIndexCollection_SearchWithScoreThresholdAndSkip_Applies()
    {
        using var inner = new InMemoryVectorIndex();
        var records = TestVectors.Records(50, 8);
        await inner.UpsertAsync(records);
        using var collection = new VectorIndexCollection(inner);
        var query = records[0].Vector;
        var all = await collection.SearchAsync(query, 5).ToListAsync();
        var skipped = await collection.SearchAsync(query, 5, new VectorSearchOptions<MemoryVectorRecord> { Skip = 1 }).ToListAsync();
        Assert.Equal("id0", all[0].Record.Id);
        Assert.Equal(all.Skip(1).Select(r => r.Record.Id), skipped.Take(4).Select(r => r.Record.Id));
        var strict = await collection.SearchAsync(query, 5, new VectorSearchOptions<MemoryVectorRecord> { ScoreThreshold = 0.999 }).ToListAsync();
        Assert.Equal("id0", Assert.Single(strict).Record.Id);
        await Assert.ThrowsAsync<NotSupportedException>(async () => await collection.SearchAsync("text", 1).ToListAsync());
    }
}
