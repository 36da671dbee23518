namespace Agents.Memory.Ingestion;

/// <summary>How documents are cut into chunks for embedding.</summary>
public sealed class ChunkingOptions
{
    /// <summary>Word pieces per chunk (without [CLS]/[SEP]); keep it at most the model's limit minus 2. Default 200.</summary>
    public int ChunkTokens { get; set; } = 200;

    /// <summary>Word pieces shared by consecutive chunks. Default 40.</summary>
    public int OverlapTokens { get; set; } = 40;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (ChunkTokens is < 8 or > 8190)
        {
            throw new ArgumentException($"ChunkTokens must be between 8 and 8190 (was {ChunkTokens}).", nameof(ChunkTokens));
        }

        if (OverlapTokens < 0 || OverlapTokens >= ChunkTokens)
        {
            throw new ArgumentException($"OverlapTokens must be at least 0 and less than ChunkTokens ({ChunkTokens}); was {OverlapTokens}.", nameof(OverlapTokens));
        }
    }
}
