using System.Text.Json;
using Agents.Memory.Embeddings;
using Agents.TestSupport;
using Microsoft.Extensions.AI;

namespace Agents.Memory.Tests.Embeddings;

public sealed class MiniLmEmbeddingGeneratorTests : IClassFixture<MiniLmFixture>
{
    private readonly MiniLmFixture _fixture;

    public MiniLmEmbeddingGeneratorTests(MiniLmFixture fixture) => _fixture = fixture;

    public static TheoryData<int> GoldenIndexes => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(GoldenIndexes))]
    public void Encode_GoldenSentence_MatchesGoldenInputIds(int index)
    {
        var golden = Golden.Load().Sentences[index];
        var ids = _fixture.Generator.Tokenizer.Encode(golden.Text, 256);
        Assert.Equal(golden.InputIds, ids);
    }

    [Fact]
    public async Task GenerateAsync_GoldenSentences_MatchGoldenFirst8AndNorm()
    {
        var golden = Golden.Load();
        var result = await _fixture.Generator.GenerateAsync(golden.Sentences.Select(s => s.Text));
        Assert.Equal(golden.Sentences.Count, result.Count);
        for (var i = 0; i < golden.Sentences.Count; i++)
        {
            var v = result[i].Vector.Span;
            Assert.Equal(384, v.Length);
            for (var d = 0; d < 8; d++)
            {
                Assert.True(Math.Abs(golden.Sentences[i].First8[d] - v[d]) < 1e-4, $"sentence {i} dim {d}: expected {golden.Sentences[i].First8[d]}, got {v[d]}");
            }

            Assert.Equal(1.0, Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(v, v)), 4);
        }
    }

    [Fact]
    public async Task GenerateAsync_QuickstartSentences_CosinesMatchPublishedValues()
    {
        var golden = Golden.Load();
        var result = await _fixture.Generator.GenerateAsync(golden.Sentences.Take(3).Select(s => s.Text));
        double Cos(int a, int b) => System.Numerics.Tensors.TensorPrimitives.Dot(result[a].Vector.Span, result[b].Vector.Span);
        Assert.Equal(golden.Cosine["0-1"], Cos(0, 1), 3);
        Assert.Equal(golden.Cosine["0-2"], Cos(0, 2), 3);
        Assert.Equal(golden.Cosine["1-2"], Cos(1, 2), 3);
    }

    [Fact]
    public void Embed_BatchOfMixedLengths_EqualsOneByOne()
    {
        string[] texts = ["short", "a somewhat longer sentence about vector search in SQLite", "x", "The weather is lovely today.", string.Empty];
        var batched = _fixture.Generator.Embed(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = _fixture.Generator.Embed([texts[i]])[0];
            for (var d = 0; d < single.Length; d++)
            {
                Assert.True(Math.Abs(single[d] - batched[i][d]) < 1e-4, $"text {i} dim {d}");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_000)]
    public void Embed_SplitIntoRunsOrOneBatch_SameVectors(int overheadTokens)
    {
        string[] texts = ["short", "a somewhat longer sentence about vector search in SQLite and how it is padded", "x", "The weather is lovely today.", string.Empty, "two words"];
        var defaults = _fixture.Generator.Embed(texts);
        var before = _fixture.Generator.PaddingOverheadTokens;
        try
        {
            _fixture.Generator.PaddingOverheadTokens = overheadTokens;
            var other = _fixture.Generator.Embed(texts);
            for (var i = 0; i < texts.Length; i++)
            {
                for (var d = 0; d < other[i].Length; d++)
                {
                    Assert.True(Math.Abs(defaults[i][d] - other[i][d]) < 1e-4, $"text {i} dim {d}");
                }
            }
        }
        finally
        {
            _fixture.Generator.PaddingOverheadTokens = before;
        }
    }

    [Fact]
    public void SplitByLength_MixedLengths_CoversEveryTextOnceInOrder()
    {
        var ids = new[] { 3, 3, 4, 5, 20, 21, 60 }.Select(n => new long[n]).ToArray();
        int[] sorted = [0, 1, 2, 3, 4, 5, 6];
        Assert.Equal([(0, 7)], MiniLmEmbeddingGenerator.SplitByLength(sorted, ids, 1_000_000));
        Assert.Equal(6, MiniLmEmbeddingGenerator.SplitByLength(sorted, ids, 0).Count); // no overhead: only equal lengths share a run
        var runs = MiniLmEmbeddingGenerator.SplitByLength(sorted, ids, 32);
        Assert.Equal([(0, 4), (4, 2), (6, 1)], runs);
    }

    [Fact]
    public void Encode_CurlyQuotesTabsNewlinesAccents_FollowHuggingFaceRules()
    {
        var tok = _fixture.Generator.Tokenizer;
        // Curly apostrophe is punctuation (U+2019 -> id 1521), tabs/newlines are whitespace, accents are stripped.
        Assert.Equal(tok.Encode("it's", 16)[1..^1].Length, tok.Encode("it\u2019s", 16)[1..^1].Length);
        Assert.Contains(1521L, tok.Encode("it\u2019s", 16));
        Assert.Equal(tok.Encode("hello world again", 16), tok.Encode("hello\tworld\nagain", 16));
        Assert.Equal(tok.Encode("naive cafe", 16), tok.Encode("na\u00efve caf\u00e9", 16));
        Assert.Equal(tok.Encode("resume", 16), tok.Encode("R\u00c9SUM\u00c9", 16));
    }

    [Fact]
    public void Encode_LongText_TruncatesTo256WithFinalSep()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 1000));
        var ids = _fixture.Generator.Tokenizer.Encode(text, 256);
        Assert.Equal(256, ids.Length);
        Assert.Equal(101L, ids[0]);
        Assert.Equal(102L, ids[^1]);
    }

    [Fact]
    public void Embed_LongTexts_SameAsTheirFirst254Tokens()
    {
        var words = Enumerable.Range(0, 600).Select(i => $"token{i % 37}");
        var text = string.Join(' ', words);
        var v = _fixture.Generator.Embed([text])[0];
        Assert.Equal(384, v.Length);
        Assert.True(float.IsFinite(v[0]));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MiniLmEmbeddingGenerator(new SentenceEmbeddingOptions { MaxTokens = 1 }));
        Assert.Contains("MaxTokens", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => new MiniLmEmbeddingGenerator(new SentenceEmbeddingOptions { ModelDirectory = "/nonexistent/model" }));
        Assert.Contains("/nonexistent/model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetService_Metadata_ReportsModelAndDimensions()
    {
        var meta = _fixture.Generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.NotNull(meta);
        Assert.Equal("all-MiniLM-L6-v2", meta.DefaultModelId);
        Assert.Equal(384, meta.DefaultModelDimensions);
    }

    internal sealed record GoldenSentence(string Text, long[] InputIds, double[] First8);

    internal sealed record Golden(IReadOnlyList<GoldenSentence> Sentences, IReadOnlyDictionary<string, double> Cosine)
    {
        public static Golden Load()
        {
            var path = TestAssets.Require("data/minilm/golden.json");
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var sentences = doc.RootElement.GetProperty("sentences").EnumerateArray().Select(s => new GoldenSentence(
                s.GetProperty("text").GetString()!,
                s.GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                s.GetProperty("first8").EnumerateArray().Select(e => e.GetDouble()).ToArray())).ToList();
            var cos = doc.RootElement.GetProperty("cosine").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            return new Golden(sentences, cos);
        }
    }
}

public sealed class MiniLmFixture : IDisposable
{
    public MiniLmEmbeddingGenerator Generator { get; } = new(new SentenceEmbeddingOptions { IntraOpThreads = 1 });

    public void Dispose() => Generator.Dispose();
}
