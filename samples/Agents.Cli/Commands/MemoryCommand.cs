using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Agents.Cli.Commands.Memory;
using Agents.Memory;
using Agents.Memory.Embeddings;
using Agents.Memory.Ingestion;
using Agents.Memory.Storage;

namespace Agents.Cli.Commands;

/// <summary><c>agents memory ingest PATH... --store FILE</c> and <c>agents memory search "query" --store FILE [--top K] [--json]</c>.</summary>
internal static class MemoryCommand
{
    public static Command Create()
    {
        var command = new Command("memory", "Build and search a local semantic memory (all-MiniLM-L6-v2 embeddings in one SQLite file).");
        command.Add(CreateIngest());
        command.Add(CreateSearch());
        return command;
    }

    private static Option<string> StoreOption() => new("--store", "-s") { Description = "The SQLite memory file (created when absent).", Required = true };

    private static Option<string?> ModelOption() => new("--model", "-m") { Description = "Folder of another sentence-transformer ONNX model (default: all-MiniLM-L6-v2 built in)." };

    private static Command CreateIngest()
    {
        var paths = new Argument<string[]>("path") { Description = "Files or folders (text, Markdown, HTML, PDF).", Arity = ArgumentArity.OneOrMore };
        var store = StoreOption();
        var model = ModelOption();
        var chunkTokens = new Option<int>("--chunk-tokens") { Description = "Word pieces per chunk.", DefaultValueFactory = _ => 200 };
        var overlap = new Option<int>("--overlap-tokens") { Description = "Word pieces shared by consecutive chunks.", DefaultValueFactory = _ => 40 };
        var tags = new Option<string[]>("--tag") { Description = "Tag stored on every chunk (repeatable).", AllowMultipleArgumentsPerToken = false };
        var command = new Command("ingest", "Read documents, cut them into overlapping chunks, embed and store them (duplicates skipped by content hash).");
        command.Add(paths);
        command.Add(store);
        command.Add(model);
        command.Add(chunkTokens);
        command.Add(overlap);
        command.Add(tags);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var bar = new IngestProgressBar(Console.Error, Console.IsErrorRedirected);
            try
            {
                using var generator = new MiniLmEmbeddingGenerator(new SentenceEmbeddingOptions { ModelDirectory = r.GetValue(model) });
                using var index = SqliteVectorIndex.Open(r.GetValue(store)!);
                var chunker = new TextChunker(generator.Tokenizer, new ChunkingOptions { ChunkTokens = r.GetValue(chunkTokens), OverlapTokens = r.GetValue(overlap) });
                var ingestor = new DocumentIngestor(generator, index, chunker) { Tags = r.GetValue(tags) ?? [] };
                var result = await ingestor.IngestAsync(r.GetValue(paths)!, bar, ct);
                bar.Finish();
                await Console.Error.WriteLineAsync($"{result.Files} files, {result.ChunksAdded} chunks added, {result.ChunksSkipped} duplicates skipped; {await index.CountAsync(ct)} chunks in {index.Path}");
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or InvalidDataException or NotSupportedException or IOException or UnauthorizedAccessException)
            {
                bar.Finish();
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Command CreateSearch()
    {
        var query = new Argument<string>("query") { Description = "What to look for." };
        var store = StoreOption();
        var model = ModelOption();
        var top = new Option<int>("--top", "-k") { Description = "How many results.", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print one JSON array of {id, score, source, time, tags, text}." };
        var source = new Option<string?>("--source") { Description = "Only chunks from this source (file path)." };
        var tag = new Option<string[]>("--tag") { Description = "Only chunks with one of these tags (repeatable)." };
        var command = new Command("search", "Find the stored chunks most similar in meaning to a query.");
        command.Add(query);
        command.Add(store);
        command.Add(model);
        command.Add(top);
        command.Add(json);
        command.Add(source);
        command.Add(tag);
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            try
            {
                var path = r.GetValue(store)!;
                if (!File.Exists(path))
                {
                    await Console.Error.WriteLineAsync($"error: memory file '{path}' does not exist (create it with 'agents memory ingest').");
                    return 2;
                }

                using var generator = new MiniLmEmbeddingGenerator(new SentenceEmbeddingOptions { ModelDirectory = r.GetValue(model) });
                using var index = SqliteVectorIndex.Open(path);
                var memory = new VectorAgentMemory(generator, index, new AgentMemoryOptions { MaxTopK = 1000 });
                var tags = r.GetValue(tag);
                var filter = new VectorFilter { Source = r.GetValue(source) is { } s ? Path.GetFullPath(s) : null, AnyTag = tags is { Length: > 0 } ? tags : null };
                var hits = await memory.SearchAsync(r.GetValue(query)!, r.GetValue(top), -1.0, filter, ct);
                if (r.GetValue(json))
                {
                    var rows = hits.Select(h => new { id = h.Id, score = Math.Round(h.Score, 6), source = h.Entry.Source, time = h.Entry.Timestamp, tags = h.Entry.Tags, text = h.Entry.Text });
                    Console.WriteLine(JsonSerializer.Serialize(rows));
                }
                else
                {
                    for (var i = 0; i < hits.Count; i++)
                    {
                        var h = hits[i];
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {h.Score:0.000}  {h.Entry.Source}"));
                        Console.WriteLine("   " + h.Entry.Text.ReplaceLineEndings(" ").Trim());
                    }
                }

                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or InvalidDataException or IOException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }
        });
        return command;
    }
}
