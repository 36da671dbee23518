using Microsoft.Extensions.VectorData;

namespace Agents.Memory.Storage;

/// <summary>
/// The record shape the memory uses with Microsoft.Extensions.VectorData stores (Semantic Kernel connectors and others).
/// The attribute fixes 384 dimensions (all-MiniLM-L6-v2); pass a <see cref="VectorStoreCollectionDefinition"/> to the
/// store for other models.
/// </summary>
public sealed class MemoryVectorRecord
{
    /// <summary>Key.</summary>
    [VectorStoreKey]
    public string Id { get; set; } = string.Empty;

    /// <summary>The text.</summary>
    [VectorStoreData]
    public string Text { get; set; } = string.Empty;

    /// <summary>Where it came from.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string? Source { get; set; }

    /// <summary>Tags.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string[] Tags { get; set; } = [];

    /// <summary>When it was written (UTC).</summary>
    [VectorStoreData(IsIndexed = true)]
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The embedding.</summary>
    [VectorStoreVector(384, DistanceFunction = DistanceFunction.CosineSimilarity)]
    public ReadOnlyMemory<float> Vector { get; set; }

    /// <summary>Converts from the index record.</summary>
    public static MemoryVectorRecord From(VectorRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new() { Id = record.Id, Text = record.Text, Source = record.Source, Tags = [.. record.Tags], Timestamp = record.Timestamp, Vector = record.Vector };
    }

    /// <summary>Converts to the index record.</summary>
    public VectorRecord ToVectorRecord() => new(Id, Vector, Text) { Source = Source, Tags = Tags, Timestamp = Timestamp };
}
