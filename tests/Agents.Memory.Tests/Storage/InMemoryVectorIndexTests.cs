using Agents.Memory.Storage;

namespace Agents.Memory.Tests.Storage;

public sealed class InMemoryVectorIndexTests
{
    [Fact]
    public Task SearchAsync_RandomVectors_MatchesBruteForce() => VectorIndexContract.SearchMatchesBruteForceAsync(new InMemoryVectorIndex());

    [Fact]
    public Task SearchAsync_LargeCollectionScannedInParallel_MatchesBruteForce() => VectorIndexContract.SearchMatchesBruteForceAsync(new InMemoryVectorIndex(), n: 40_000, dims: 8);

    [Fact]
    public Task SearchAsync_WithFilters_ReturnsOnlyMatchingBestFirst() => VectorIndexContract.FiltersAsync(new InMemoryVectorIndex());

    [Fact]
    public Task UpsertAsync_SameId_ReplacesRecord() => VectorIndexContract.UpsertReplacesAndRoundTripsMetadataAsync(new InMemoryVectorIndex());

    [Fact]
    public Task UpsertAsync_WrongDimensions_Throws() => VectorIndexContract.WrongDimensionsThrowAsync(new InMemoryVectorIndex());

    [Fact]
    public async Task SearchAsync_Empty_ReturnsNothing()
    {
        using var index = new InMemoryVectorIndex();
        Assert.Empty(await index.SearchAsync(new float[4], 3));
    }
}
