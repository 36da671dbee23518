using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Agents.Memory.Storage;

/// <summary>
/// The default store: one SQLite file (WAL journal, <c>synchronous=FULL</c>, one transaction per upsert, so a write
/// that returned survives a crash or power loss), vectors as little-endian float BLOBs, metadata (source, time, tags).
/// Searches run exactly over an in-memory copy (<see cref="InMemoryVectorIndex"/>) that is reloaded when another
/// connection changed the file.
/// </summary>
public sealed class SqliteVectorIndex : IVectorIndex
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private InMemoryVectorIndex _cache;
    private long _dataVersion;

    private SqliteVectorIndex(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
        _cache = new InMemoryVectorIndex();
    }

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating when absent) the store at <paramref name="path"/> and loads its vectors.</summary>
    public static SqliteVectorIndex Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        var cs = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 }.ToString();
        var connection = new SqliteConnection(cs);
        try
        {
            connection.Open();
            Execute(connection, """
                PRAGMA journal_mode=WAL;
                PRAGMA synchronous=FULL;
                PRAGMA busy_timeout=30000;
                CREATE TABLE IF NOT EXISTS records (
                    id TEXT PRIMARY KEY NOT NULL,
                    text TEXT NOT NULL,
                    source TEXT NULL,
                    ts_ms INTEGER NOT NULL,
                    tags TEXT NOT NULL,
                    dims INTEGER NOT NULL,
                    vector BLOB NOT NULL
                );
                CREATE INDEX IF NOT EXISTS records_source ON records(source);
                CREATE INDEX IF NOT EXISTS records_ts ON records(ts_ms);
                """);
            var index = new SqliteVectorIndex(full, connection);
            index.Reload();
            return index;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new InvalidDataException($"Cannot open vector store '{full}': {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public async Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RefreshIfChanged();
            var dims = _cache.Dimensions == 0 ? records[0].Vector.Length : _cache.Dimensions;
            foreach (var r in records)
            {
                if (r.Vector.Length != dims || dims == 0)
                {
                    throw new ArgumentException($"Record '{r.Id}' has {r.Vector.Length} dimensions; the store '{Path}' holds {dims}.", nameof(records));
                }
            }

            using (var tx = _connection.BeginTransaction())
            {
                using var cmd = _connection.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT OR REPLACE INTO records(id, text, source, ts_ms, tags, dims, vector) VALUES ($id, $text, $source, $ts, $tags, $dims, $vector)";
                var pId = cmd.Parameters.Add("$id", SqliteType.Text);
                var pText = cmd.Parameters.Add("$text", SqliteType.Text);
                var pSource = cmd.Parameters.Add("$source", SqliteType.Text);
                var pTs = cmd.Parameters.Add("$ts", SqliteType.Integer);
                var pTags = cmd.Parameters.Add("$tags", SqliteType.Text);
                var pDims = cmd.Parameters.Add("$dims", SqliteType.Integer);
                var pVector = cmd.Parameters.Add("$vector", SqliteType.Blob);
                foreach (var r in records)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    pId.Value = r.Id;
                    pText.Value = r.Text;
                    pSource.Value = (object?)r.Source ?? DBNull.Value;
                    pTs.Value = r.Timestamp.ToUnixTimeMilliseconds();
                    pTags.Value = JsonSerializer.Serialize(r.Tags);
                    pDims.Value = r.Vector.Length;
                    pVector.Value = MemoryMarshal.AsBytes(r.Vector.Span).ToArray();
                    cmd.ExecuteNonQuery();
                }

                tx.Commit();
            }

            _cache.Upsert(records.Select(Normalize).ToArray());
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int topK, VectorFilter? filter = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RefreshIfChanged();
            return _cache.Search(query.Span, topK, filter);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> ContainsAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RefreshIfChanged();
            return _cache.Get(id) is not null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RefreshIfChanged();
            return _cache.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <c>PRAGMA integrity_check</c>; returns "ok" when the file is sound.</summary>
    public string CheckIntegrity()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "PRAGMA integrity_check";
        return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        _cache.Dispose();
        _gate.Dispose();
    }

    private static VectorRecord Normalize(VectorRecord r) => r with { Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(r.Timestamp.ToUnixTimeMilliseconds()) };

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private long ReadDataVersion()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "PRAGMA data_version";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void RefreshIfChanged()
    {
        if (ReadDataVersion() != _dataVersion)
        {
            Reload();
        }
    }

    private void Reload()
    {
        var cache = new InMemoryVectorIndex();
        var batch = new List<VectorRecord>(1024);
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = "SELECT id, text, source, ts_ms, tags, dims, vector FROM records ORDER BY rowid";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                var blob = (byte[])reader.GetValue(6);
                var dims = reader.GetInt32(5);
                if (blob.Length != dims * sizeof(float))
                {
                    throw new InvalidDataException($"Record '{id}' in '{Path}' has a vector of {blob.Length} bytes; {dims} dimensions need {dims * sizeof(float)}.");
                }

                var vector = MemoryMarshal.Cast<byte, float>(blob).ToArray();
                var tags = JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [];
                batch.Add(new VectorRecord(id, vector, reader.GetString(1))
                {
                    Source = reader.IsDBNull(2) ? null : reader.GetString(2),
                    Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    Tags = tags,
                });
                if (batch.Count == batch.Capacity)
                {
                    cache.Upsert(batch);
                    batch.Clear();
                }
            }
        }

        cache.Upsert(batch);
        var old = _cache;
        _cache = cache;
        old.Dispose();
        _dataVersion = ReadDataVersion();
    }
}
