using Agents.Memory.Embeddings;

namespace Agents.Memory.Ingestion;

/// <summary>
/// Cuts text into overlapping chunks measured in word pieces of the embedding model's own tokenizer, so no chunk is
/// truncated by the model. Chunks break between words (WordPiece never merges across whitespace, so per-word counts
/// add up to the text's count). A single word longer than a chunk becomes its own chunk.
/// </summary>
public sealed class TextChunker
{
    private readonly WordPieceTokenizer _tokenizer;
    private readonly ChunkingOptions _options;

    /// <summary>Creates a chunker over <paramref name="tokenizer"/>.</summary>
    public TextChunker(WordPieceTokenizer tokenizer, ChunkingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokenizer = tokenizer;
        _options = options ?? new ChunkingOptions();
        _options.Validate();
    }

    /// <summary>The chunks of <paramref name="text"/>, in order; empty for blank text.</summary>
    public IReadOnlyList<string> Chunk(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = SplitWords(text);
        var counts = new int[words.Count];
        var cache = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            var w = text.Substring(words[i].Start, words[i].Length);
            if (!cache.TryGetValue(w, out var c))
            {
                c = Math.Max(1, _tokenizer.CountTokens(w, limit: Math.Max(_options.ChunkTokens, w.Length + 2)));
                cache[w] = c;
            }

            counts[i] = c;
        }

        var chunks = new List<string>();
        var start = 0;
        while (start < words.Count)
        {
            var end = start;
            var tokens = 0;
            while (end < words.Count && (end == start || tokens + counts[end] <= _options.ChunkTokens))
            {
                tokens += counts[end];
                end++;
            }

            var from = words[start].Start;
            var to = words[end - 1].Start + words[end - 1].Length;
            chunks.Add(text[from..to]);
            if (end >= words.Count)
            {
                break;
            }

            // Step back over about OverlapTokens worth of words, always moving forward by at least one word.
            var next = end;
            var overlap = 0;
            while (next - 1 > start && overlap + counts[next - 1] <= _options.OverlapTokens)
            {
                next--;
                overlap += counts[next];
            }

            start = next;
        }

        return chunks;
    }

    /// <summary>Word pieces in <paramref name="text"/> (no [CLS]/[SEP]).</summary>
    public int CountTokens(string text) => _tokenizer.CountTokens(text);

    private static List<(int Start, int Length)> SplitWords(string text)
    {
        var words = new List<(int, int)>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var s = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > s)
            {
                words.Add((s, i - s));
            }
        }

        return words;
    }
}
