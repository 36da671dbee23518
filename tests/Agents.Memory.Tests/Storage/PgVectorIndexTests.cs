using System.Net.Sockets;
using Agents.Memory.Storage;
using Agents.TestSupport;

namespace Agents.Memory.Tests.Storage;

/// <summary>
/// Runs against a real PostgreSQL + pgvector: <c>AGENTS_PGVECTOR</c> (an Npgsql connection string) or PGlite started by
/// <c>.ci/pglite/start.sh</c> on 127.0.0.1:5439. Skipped when none is reachable, failed under CI=true.
/// </summary>
public sealed class PgVectorIndexTests
{
    private static string ConnectionString()
    {
        var cs = Environment.GetEnvironmentVariable("AGENTS_PGVECTOR");
        if (string.IsNullOrWhiteSpace(cs))
        {
            cs = "Host=127.0.0.1;Port=5439;Username=postgres;Password=postgres;Database=postgres;Maximum Pool Size=1;Timeout=30;Command Timeout=60";
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        try
        {
            using var client = new TcpClient();
            client.Connect(builder.Host ?? "127.0.0.1", builder.Port);
        }
        catch (SocketException ex)
        {
            var message = $"No pgvector server at {builder.Host}:{builder.Port} ({ex.SocketErrorCode}); start one with .ci/pglite/start.sh or set AGENTS_PGVECTOR.";
            if (TestAssets.IsCi)
            {
                throw new InvalidOperationException(message);
            }

            throw SkipException.ForMessage(message);
        }

        return cs;
    }

    private static Task<PgVectorIndex> OpenAsync(int dims) => PgVectorIndex.OpenAsync(new PgVectorOptions
    {
        ConnectionString = ConnectionString(),
        Table = "t_" + Guid.NewGuid().ToString("N")[..12],
        Dimensions = dims,
        EfSearch = 400,
    });

    [Fact]
    public async Task SearchAsync_RandomVectors_MatchesBruteForce()
    {
        using var index = await OpenAsync(16);
        await VectorIndexContract.SearchMatchesBruteForceAsync(index, n: 300);
    }

    [Fact]
    public async Task SearchAsync_WithFilters_ReturnsOnlyMatchingBestFirst()
    {
        using var index = await OpenAsync(16);
        await VectorIndexContract.FiltersAsync(index);
    }

    [Fact]
    public async Task UpsertAsync_SameId_ReplacesRecord()
    {
        using var index = await OpenAsync(16);
        await VectorIndexContract.UpsertReplacesAndRoundTripsMetadataAsync(index);
    }

    [Fact]
    public async Task UpsertAsync_WrongDimensions_Throws()
    {
        using var index = await OpenAsync(16);
        await VectorIndexContract.WrongDimensionsThrowAsync(index);
    }

    [Fact]
    public async Task OpenAsync_BadTableName_ThrowsNamingIt()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => PgVectorIndex.OpenAsync(new PgVectorOptions { ConnectionString = "Host=x", Table = "x; drop table y", Dimensions = 3 }));
        Assert.Contains("x; drop table y", ex.Message, StringComparison.Ordinal);
    }
}
