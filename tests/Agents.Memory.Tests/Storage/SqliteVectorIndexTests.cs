using Agents.Memory.Storage;
using Microsoft.Data.Sqlite;

namespace Agents.Memory.Tests.Storage;

public sealed class SqliteVectorIndexTests
{
    [Fact]
    public async Task SearchAsync_RandomVectors_MatchesBruteForce()
    {
        using var dir = new TempDir();
        using var index = SqliteVectorIndex.Open(dir.File("m.db"));
        await VectorIndexContract.SearchMatchesBruteForceAsync(index);
    }

    [Fact]
    public async Task SearchAsync_WithFilters_ReturnsOnlyMatchingBestFirst()
    {
        using var dir = new TempDir();
        using var index = SqliteVectorIndex.Open(dir.File("m.db"));
        await VectorIndexContract.FiltersAsync(index);
    }

    [Fact]
    public async Task UpsertAsync_SameId_ReplacesRecord()
    {
        using var dir = new TempDir();
        using var index = SqliteVectorIndex.Open(dir.File("m.db"));
        await VectorIndexContract.UpsertReplacesAndRoundTripsMetadataAsync(index);
    }

    [Fact]
    public async Task UpsertAsync_WrongDimensions_Throws()
    {
        using var dir = new TempDir();
        using var index = SqliteVectorIndex.Open(dir.File("m.db"));
        await VectorIndexContract.WrongDimensionsThrowAsync(index);
    }

    [Fact]
    public async Task Open_Reopened_HasEverythingWithMetadata()
    {
        using var dir = new TempDir();
        var records = TestVectors.Records(100, 16);
        using (var index = SqliteVectorIndex.Open(dir.File("m.db")))
        {
            await index.UpsertAsync(records);
        }

        using var reopened = SqliteVectorIndex.Open(dir.File("m.db"));
        Assert.Equal(100, await reopened.CountAsync());
        Assert.Equal("ok", reopened.CheckIntegrity());
        var hit = (await reopened.SearchAsync(records[42].Vector, 1)).Single();
        Assert.Equal("id42", hit.Record.Id);
        Assert.Equal(records[42].Text, hit.Record.Text);
        Assert.Equal(records[42].Tags, hit.Record.Tags);
        Assert.Equal(records[42].Source, hit.Record.Source);
        Assert.Equal(records[42].Timestamp, hit.Record.Timestamp);
    }

    [Fact]
    public async Task Open_UsesWalAndFullSync()
    {
        using var dir = new TempDir();
        using var index = SqliteVectorIndex.Open(dir.File("m.db"));
        await index.UpsertAsync(TestVectors.Records(1, 4));
        using var conn = new SqliteConnection($"Data Source={dir.File("m.db")};Pooling=False");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
    }

    [Fact]
    public async Task SearchAsync_AnotherConnectionWrote_SeesNewRecords()
    {
        using var dir = new TempDir();
        using var reader = SqliteVectorIndex.Open(dir.File("m.db"));
        using var writer = SqliteVectorIndex.Open(dir.File("m.db"));
        var records = TestVectors.Records(10, 8);
        await writer.UpsertAsync(records);
        Assert.Equal(10, await reader.CountAsync());
        Assert.Equal("id3", (await reader.SearchAsync(records[3].Vector, 1)).Single().Record.Id);
    }

    [Fact]
    public void Open_NotADatabase_ThrowsNamingTheFile()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("bad.db"), new string('z', 5000));
        var ex = Assert.Throws<InvalidDataException>(() => SqliteVectorIndex.Open(dir.File("bad.db")));
        Assert.Contains("bad.db", ex.Message, StringComparison.Ordinal);
    }
}
