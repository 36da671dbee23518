using Agents.Memory.Embeddings;
using Agents.Memory.Ingestion;

namespace Agents.Memory.Tests.Ingestion;

public sealed class TextChunkerTests
{
    private static readonly WordPieceTokenizer Tokenizer = WordPieceTokenizer.LoadEmbedded();

    [Fact]
    public void Chunk_LongText_EveryChunkWithinLimitAndOverlapping()
    {
        var words = Enumerable.Range(0, 2000).Select(i => i % 7 == 0 ? $"unbelievable{i}" : $"w{i}");
        var text = string.Join(' ', words);
        var chunker = new TextChunker(Tokenizer, new ChunkingOptions { ChunkTokens = 100, OverlapTokens = 20 });
        var chunks = chunker.Chunk(text);
        Assert.True(chunks.Count > 10);
        foreach (var c in chunks)
        {
            Assert.InRange(chunker.CountTokens(c), 1, 100);
        }

        for (var i = 1; i < chunks.Count; i++)
        {
            var prevWords = chunks[i - 1].Split(' ');
            var firstWord = chunks[i].Split(' ')[0];
            Assert.Contains(firstWord, prevWords); // overlap: each chunk starts inside the previous one
        }

        Assert.EndsWith("w1999", chunks[^1], StringComparison.Ordinal);
        Assert.StartsWith("unbelievable0", chunks[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Chunk_TokenCountsOfWords_AddUpToTextCount()
    {
        const string text = "Zipf’s law costs $44.01 — naïve café 東京, isn't it? (really)";
        var total = Tokenizer.CountTokens(text);
        var sum = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(w => Tokenizer.CountTokens(w));
        Assert.Equal(total, sum);
    }

    [Fact]
    public void Chunk_ShortOrBlankText_OneOrNoChunk()
    {
        var chunker = new TextChunker(Tokenizer);
        Assert.Equal(["hello world"], chunker.Chunk("  hello world \n"));
        Assert.Empty(chunker.Chunk(" \n\t "));
    }

    [Fact]
    public void Constructor_OverlapNotBelowChunkSize_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TextChunker(Tokenizer, new ChunkingOptions { ChunkTokens = 50, OverlapTokens = 50 }));
        Assert.Contains("OverlapTokens", ex.Message, StringComparison.Ordinal);
    }
}
