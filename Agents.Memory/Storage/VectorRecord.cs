namespace Agents.Memory.Storage;

/// <summary>One stored vector with its text and metadata.</summary>
/// <param name="Id">Unique key (by default the SHA-256 of the text, which de-duplicates).</param>
/// <param name="Vector">The embedding (L2-normalised for cosine search).</param>
/// <param name="Text">The text the vector was computed from.</param>
public sealed record VectorRecord(string Id, ReadOnlyMemory<float> Vector, string Text)
{
    /// <summary>Where the text came from (file path, URL, "observation").</summary>
    public string? Source { get; init; }

    /// <summary>Free-form tags for filters.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>When it was written (UTC).</summary>
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;
}
