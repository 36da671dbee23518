namespace Agents.Memory.Storage;

/// <summary>Restricts a search by metadata. Every condition that is set must hold.</summary>
public sealed record VectorFilter
{
    /// <summary>Only records whose source equals this (ordinal).</summary>
    public string? Source { get; init; }

    /// <summary>Only records carrying at least one of these tags.</summary>
    public IReadOnlyList<string>? AnyTag { get; init; }

    /// <summary>Only records written at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only records written before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>True when nothing is restricted.</summary>
    public bool IsEmpty => Source is null && (AnyTag is null || AnyTag.Count == 0) && From is null && To is null;

    /// <summary>Whether <paramref name="record"/> passes this filter.</summary>
    public bool Matches(VectorRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (Source is null || string.Equals(record.Source, Source, StringComparison.Ordinal))
            && (AnyTag is null || AnyTag.Count == 0 || record.Tags.Any(t => AnyTag.Contains(t, StringComparer.Ordinal)))
            && (From is null || record.Timestamp >= From)
            && (To is null || record.Timestamp < To);
    }
}
