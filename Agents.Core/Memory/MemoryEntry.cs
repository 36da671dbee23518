namespace Agents.Core.Memory;

/// <summary>One piece of text to remember, with where it came from.</summary>
/// <param name="Text">The text itself.</param>
/// <param name="Source">Where it came from (a URL, a file path, "observation", "final-answer").</param>
/// <param name="Tags">Free-form tags used by filters.</param>
public sealed record MemoryEntry(string Text, string? Source = null, IReadOnlyList<string>? Tags = null)
{
    /// <summary>When it was written (UTC).</summary>
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;
}
