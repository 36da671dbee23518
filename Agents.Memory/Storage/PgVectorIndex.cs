using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace Agents.Memory.Storage;

/// <summary>
/// A shared store in PostgreSQL with the pgvector extension: one table (id, text, source, ts, tags, embedding),
/// cosine distance (<c>&lt;=&gt;</c>), an optional HNSW index, upserts in one transaction, filters in SQL.
/// Call <see cref="OpenAsync"/> to create one.
/// </summary>
public sealed class PgVectorIndex : IVectorIndex
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PgVectorOptions _options;
    private readonly string _table;

    private PgVectorIndex(NpgsqlDataSource dataSource, PgVectorOptions options)
    {
        _dataSource = dataSource;
        _options = options;
        _table = options.Table;
    }

    /// <summary>Connects, creates the extension, table and index when absent, and returns the store.</summary>
    public static async Task<PgVectorIndex> OpenAsync(PgVectorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        builder.UseVector();
        var dataSource = builder.Build();
        try
        {
            await using (var conn = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                await ExecuteAsync(conn, "CREATE EXTENSION IF NOT EXISTS vector", cancellationToken).ConfigureAwait(false);
                await conn.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
                var t = options.Table;
                await ExecuteAsync(conn, $"""
                    CREATE TABLE IF NOT EXISTS {t} (
                        id text PRIMARY KEY,
                        text text NOT NULL,
                        source text NULL,
                        ts timestamptz NOT NULL,
                        tags text[] NOT NULL,
                        embedding vector({options.Dimensions}) NOT NULL)
                    """, cancellationToken).ConfigureAwait(false);
                if (options.CreateHnswIndex)
                {
                    await ExecuteAsync(conn, $"CREATE INDEX IF NOT EXISTS {t}_embedding_hnsw ON {t} USING hnsw (embedding vector_cosine_ops)", cancellationToken).ConfigureAwait(false);
                }
            }

            return new PgVectorIndex(dataSource, options);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var r in records)
        {
            if (r.Vector.Length != _options.Dimensions)
            {
                throw new ArgumentException($"Record '{r.Id}' has {r.Vector.Length} dimensions; table {_table} holds {_options.Dimensions}.", nameof(records));
            }
        }

        await using var conn = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var cmd = new NpgsqlCommand($"""
            INSERT INTO {_table} (id, text, source, ts, tags, embedding) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (id) DO UPDATE SET text = EXCLUDED.text, source = EXCLUDED.source, ts = EXCLUDED.ts, tags = EXCLUDED.tags, embedding = EXCLUDED.embedding
            """, conn, tx))
        {
            var pId = cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            var pText = cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            var pSource = cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            var pTs = cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz });
            var pTags = cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            var pVector = cmd.Parameters.Add(new NpgsqlParameter { DataTypeName = "vector" });
            foreach (var r in records)
            {
                pId.Value = r.Id;
                pText.Value = r.Text;
                pSource.Value = (object?)r.Source ?? DBNull.Value;
                pTs.Value = r.Timestamp.UtcDateTime;
                pTags.Value = r.Tags.ToArray();
                pVector.Value = new Vector(r.Vector.ToArray());
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int topK, VectorFilter? filter = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        if (query.Length != _options.Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; table {_table} holds {_options.Dimensions}.", nameof(query));
        }

        await using var conn = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(conn, $"SET LOCAL hnsw.ef_search = {_options.EfSearch}", cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand { Connection = conn, Transaction = tx };
        cmd.Parameters.Add(new NpgsqlParameter { Value = new Vector(query.ToArray()), DataTypeName = "vector" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = topK, NpgsqlDbType = NpgsqlDbType.Integer });
        var where = new List<string>();
        if (filter?.Source is { } source)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = source, NpgsqlDbType = NpgsqlDbType.Text });
            where.Add($"source = ${cmd.Parameters.Count}");
        }

        if (filter?.AnyTag is { Count: > 0 } tags)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = tags.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            where.Add($"tags && ${cmd.Parameters.Count}");
        }

        if (filter?.From is { } from)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = from.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            where.Add($"ts >= ${cmd.Parameters.Count}");
        }

        if (filter?.To is { } to)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = to.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            where.Add($"ts < ${cmd.Parameters.Count}");
        }

        var whereSql = where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where);
        cmd.CommandText = $"SELECT id, text, source, ts, tags, embedding, 1 - (embedding <=> $1) AS score FROM {_table} {whereSql} ORDER BY embedding <=> $1 LIMIT $2";
        var hits = new List<VectorHit>(topK);
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var record = new VectorRecord(reader.GetString(0), reader.GetFieldValue<Vector>(5).Memory, reader.GetString(1))
                {
                    Source = reader.IsDBNull(2) ? null : reader.GetString(2),
                    Timestamp = new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero),
                    Tags = reader.GetFieldValue<string[]>(4),
                };
                hits.Add(new VectorHit(record, reader.GetDouble(6)));
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return hits;
    }

    /// <inheritdoc />
    public async Task<bool> ContainsAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var conn = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand($"SELECT 1 FROM {_table} WHERE id = $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id, NpgsqlDbType = NpgsqlDbType.Text });
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {_table}", conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public void Dispose() => _dataSource.Dispose();

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
