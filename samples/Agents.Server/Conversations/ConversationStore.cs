using Agents.Server.Hosting;
using Microsoft.Data.Sqlite;

namespace Agents.Server.Conversations;

/// <summary>The page's conversations in one SQLite file (or a private in-memory database when no path is set).</summary>
public sealed class ConversationStore : IDisposable
{
    private const int MaxTitleLength = 200;
    private readonly string _connectionString;
    private readonly SqliteConnection? _keepAlive;
    private readonly Lock _schemaGate = new();
    private bool _schemaReady;

    /// <summary>Creates the store from the server options (the database is opened on first use).</summary>
    public ConversationStore(AgentsServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConversationDatabasePath))
        {
            _connectionString = new SqliteConnectionStringBuilder { DataSource = "agents-conversations-" + Guid.NewGuid().ToString("N"), Mode = SqliteOpenMode.Memory, Cache = SqliteCacheMode.Shared }.ToString();
            _keepAlive = new SqliteConnection(_connectionString);
            _keepAlive.Open();
        }
        else
        {
            var full = Path.GetFullPath(options.ConversationDatabasePath);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 10 }.ToString();
        }
    }

    /// <summary>All conversations, newest first.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, title, model, updated FROM conversations ORDER BY updated DESC, rowid DESC";
        var result = new List<ConversationSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new ConversationSummary(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3)));
        }

        return result;
    }

    /// <summary>Creates an empty conversation.</summary>
    public async Task<ConversationSummary> CreateAsync(string? title, string? model, CancellationToken cancellationToken = default)
    {
        var summary = new ConversationSummary(Guid.NewGuid().ToString("N"), CleanTitle(title), model, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO conversations (id, title, model, updated) VALUES ($id, $title, $model, $updated)";
        command.Parameters.AddWithValue("$id", summary.Id);
        command.Parameters.AddWithValue("$title", summary.Title);
        command.Parameters.AddWithValue("$model", (object?)summary.Model ?? DBNull.Value);
        command.Parameters.AddWithValue("$updated", summary.Updated);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return summary;
    }

    /// <summary>One conversation with its messages, or null.</summary>
    public async Task<Conversation?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var head = connection.CreateCommand();
        head.CommandText = "SELECT title, model, updated FROM conversations WHERE id = $id";
        head.Parameters.AddWithValue("$id", id);
        string title;
        string? model;
        long updated;
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            (title, model, updated) = (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2));
        }

        await using var body = connection.CreateCommand();
        body.CommandText = "SELECT role, content, meta FROM messages WHERE conversation_id = $id ORDER BY seq";
        body.Parameters.AddWithValue("$id", id);
        var messages = new List<ConversationMessage>();
        await using (var reader = await body.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                messages.Add(new ConversationMessage(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }

        return new Conversation(id, title, model, updated, messages);
    }

    /// <summary>Replaces title, model and messages in one transaction; false when the conversation does not exist.</summary>
    public async Task<bool> ReplaceAsync(string id, string? title, string? model, IReadOnlyList<ConversationMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE conversations SET title = COALESCE($title, title), model = COALESCE($model, model), updated = $updated WHERE id = $id";
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$title", title is null ? DBNull.Value : CleanTitle(title));
            update.Parameters.AddWithValue("$model", (object?)model ?? DBNull.Value);
            update.Parameters.AddWithValue("$updated", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM messages WHERE conversation_id = $id";
            delete.Parameters.AddWithValue("$id", id);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < messages.Count; i++)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO messages (conversation_id, seq, role, content, meta) VALUES ($id, $seq, $role, $content, $meta)";
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$seq", i);
            insert.Parameters.AddWithValue("$role", messages[i].Role);
            insert.Parameters.AddWithValue("$content", messages[i].Content);
            insert.Parameters.AddWithValue("$meta", (object?)messages[i].Meta ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Deletes a conversation; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM messages WHERE conversation_id = $id; DELETE FROM conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public void Dispose() => _keepAlive?.Dispose();

    private static string CleanTitle(string? title)
    {
        var clean = string.IsNullOrWhiteSpace(title) ? "New chat" : title.Trim().ReplaceLineEndings(" ");
        return clean.Length > MaxTitleLength ? clean[..MaxTitleLength] : clean;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        lock (_schemaGate)
        {
            if (!_schemaReady)
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    PRAGMA journal_mode = WAL;
                    CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, title TEXT NOT NULL, model TEXT, updated INTEGER NOT NULL);
                    CREATE TABLE IF NOT EXISTS messages (conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, role TEXT NOT NULL,
                        content TEXT NOT NULL, meta TEXT, PRIMARY KEY (conversation_id, seq));
                    """;
                command.ExecuteNonQuery();
                _schemaReady = true;
            }
        }

        return connection;
    }
}
