using System.Text.RegularExpressions;

namespace Agents.Memory.Storage;

/// <summary>Settings of <see cref="PgVectorIndex"/>.</summary>
public sealed partial class PgVectorOptions
{
    /// <summary>Npgsql connection string. Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Table holding the records (letters, digits, underscore). Default <c>agent_memory</c>.</summary>
    public string Table { get; set; } = "agent_memory";

    /// <summary>Vector length (384 for all-MiniLM-L6-v2). Required.</summary>
    public int Dimensions { get; set; }

    /// <summary>Create an HNSW index (<c>vector_cosine_ops</c>) on the table. Default true.</summary>
    public bool CreateHnswIndex { get; set; } = true;

    /// <summary><c>hnsw.ef_search</c> for each query (pgvector's default 40 gives low recall on some data). Default 100.</summary>
    public int EfSearch { get; set; } = 100;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("ConnectionString is required.", nameof(ConnectionString));
        }

        if (!TableName().IsMatch(Table))
        {
            throw new ArgumentException($"Table '{Table}' must be 1-63 letters, digits or underscores, starting with a letter or underscore.", nameof(Table));
        }

        if (Dimensions is < 1 or > 16_000)
        {
            throw new ArgumentException($"Dimensions must be between 1 and 16000 (was {Dimensions}).", nameof(Dimensions));
        }

        if (EfSearch is < 1 or > 1000)
        {
            throw new ArgumentException($"EfSearch must be between 1 and 1000 (was {EfSearch}).", nameof(EfSearch));
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex TableName();
}
