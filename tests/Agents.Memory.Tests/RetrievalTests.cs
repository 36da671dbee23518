using Agents.Core.Memory;
using Agents.Memory.Embeddings;
using Agents.Memory.Ingestion;
using Agents.Memory.Storage;
using Agents.Memory.Tests.Embeddings;

namespace Agents.Memory.Tests;

/// <summary>End to end: a small corpus written by the test, ingested, then searched with paraphrased questions.</summary>
public sealed class RetrievalTests : IClassFixture<MiniLmFixture>
{
    private static readonly (string File, string Text)[] Corpus =
    [
        ("bees.md", "# Honey bees\n\nHoney bees communicate the location of flowers with a waggle dance. Worker bees collect nectar and pollen and turn nectar into honey inside the hive."),
        ("volcano.txt", "Volcanoes erupt when magma from the mantle rises through the crust. Lava flows and ash clouds can bury nearby towns, as happened at Pompeii in 79 AD."),
        ("bread.html", "<html><body><article><h1>Sourdough</h1><p>Sourdough bread rises thanks to a starter of wild yeast and lactic acid bacteria. Bakers feed the starter with flour and water every day and bake the loaf in a very hot oven.</p></article></body></html>"),
        ("chess.txt", "In chess, castling moves the king two squares toward a rook and places the rook on the other side. It is the only move in which two pieces move at once."),
        ("rust.md", "Rust prevents data races at compile time with ownership and borrowing. The borrow checker rejects programs that keep a mutable reference while other references exist."),
    ];

    private readonly MiniLmFixture _fixture;

    public RetrievalTests(MiniLmFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("How do bees tell each other where food is?", "bees.md")]
    [InlineData("What buried the Roman city near Naples?", "volcano.txt")]
    [InlineData("which microbes make the dough rise", "bread.html")]
    [InlineData("a move where the king and rook both move", "chess.txt")]
    [InlineData("memory safety without garbage collection in a systems language", "rust.md")]
    public async Task SearchAsync_ParaphrasedQuestion_RelevantDocumentRanksFirst(string query, string expectedFile)
    {
        using var dir = new TempDir();
        foreach (var (file, text) in Corpus)
        {
            File.WriteAllText(dir.File(file), text);
        }

        using var index = SqliteVectorIndex.Open(dir.File("store.db"));
        var ingestor = new DocumentIngestor(_fixture.Generator, index, new TextChunker(_fixture.Generator.Tokenizer));
        var reports = new List<IngestProgress>();
        var result = await ingestor.IngestAsync([dir.Path], new SyncProgress<IngestProgress>(reports.Add));
        Assert.Equal(5, result.Files);
        Assert.Equal(5, result.ChunksAdded);
        Assert.Equal(5, reports[^1].FilesDone);

        var memory = new VectorAgentMemory(_fixture.Generator, index);
        var hits = await memory.SearchAsync(query, 3, 0.0);
        Assert.Equal(dir.File(expectedFile), hits[0].Entry.Source);
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public async Task IngestAsync_SameFilesTwice_SkipsDuplicatesByContentHash()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("a.txt"), Corpus[0].Text);
        File.WriteAllText(dir.File("copy.txt"), Corpus[0].Text);
        using var index = new InMemoryVectorIndex();
        var ingestor = new DocumentIngestor(_fixture.Generator, index, new TextChunker(_fixture.Generator.Tokenizer));
        var first = await ingestor.IngestAsync([dir.File("a.txt"), dir.File("copy.txt")]);
        Assert.Equal((1, 1), (first.ChunksAdded, first.ChunksSkipped));
        var second = await ingestor.IngestAsync([dir.File("a.txt")]);
        Assert.Equal((0, 1), (second.ChunksAdded, second.ChunksSkipped));
        Assert.Equal(1, await index.CountAsync());
    }

    [Fact]
    public async Task WriteAsync_ThenSearch_FindsEntryWithMetadata()
    {
        using var index = new InMemoryVectorIndex();
        IAgentMemory memory = new VectorAgentMemory(_fixture.Generator, index);
        var id = await memory.WriteAsync(new MemoryEntry("The user's favourite colour is teal.", "observation", ["user"]));
        await memory.WriteAsync(new MemoryEntry("Paris is the capital of France.", "web"));
        var again = await memory.WriteAsync(new MemoryEntry("The user's favourite colour is teal.", "observation", ["user"]));
        Assert.Equal(id, again);
        Assert.Equal(2, await index.CountAsync());
        var hits = await memory.SearchAsync("what colour does the user like", 2, 0.3);
        var hit = Assert.Single(hits);
        Assert.Equal(id, hit.Id);
        Assert.Equal("observation", hit.Entry.Source);
        Assert.Equal(["user"], hit.Entry.Tags);
        await Assert.ThrowsAsync<ArgumentException>(() => memory.WriteAsync(new MemoryEntry("  ")));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => memory.SearchAsync("x", 0, 0));
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
