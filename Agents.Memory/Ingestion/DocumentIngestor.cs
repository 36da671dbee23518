using System.Security.Cryptography;
using System.Text;
using Agents.Memory.Storage;
using Microsoft.Extensions.AI;

namespace Agents.Memory.Ingestion;

/// <summary>
/// Reads files (text, Markdown, HTML, PDF), cuts them into token-aware overlapping chunks, skips chunks whose
/// content hash (SHA-256) is already stored, embeds the rest in batches and stores them with the file as source.
/// Each file's chunks are stored in one upsert, so a file is either fully stored or not at all.
/// </summary>
public sealed class DocumentIngestor
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly IVectorIndex _index;
    private readonly TextChunker _chunker;

    /// <summary>Creates an ingestor.</summary>
    public DocumentIngestor(IEmbeddingGenerator<string, Embedding<float>> embedder, IVectorIndex index, TextChunker chunker)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(chunker);
        _embedder = embedder;
        _index = index;
        _chunker = chunker;
    }

    /// <summary>Texts per embedding call. Default 32.</summary>
    public int EmbeddingBatchSize { get; init; } = 32;

    /// <summary>Largest file accepted, in bytes. Default 64 MiB.</summary>
    public long MaxFileBytes { get; init; } = 64L << 20;

    /// <summary>Tags stored on every chunk.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The id a chunk gets: lowercase hex SHA-256 of its UTF-8 text.</summary>
    public static string ContentHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Ingests files and folders (folders recursively, supported extensions only).</summary>
    public async Task<IngestResult> IngestAsync(IEnumerable<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = ExpandPaths(paths);
        int added = 0, skipped = 0, done = 0;
        foreach (var file in files)
        {
            progress?.Report(new IngestProgress(done, files.Count, added, skipped, file));
            var doc = await DocumentReader.ReadAsync(file, MaxFileBytes, cancellationToken).ConfigureAwait(false);
            var (a, s) = await IngestTextAsync(doc.Text, doc.Source, cancellationToken).ConfigureAwait(false);
            added += a;
            skipped += s;
            done++;
            progress?.Report(new IngestProgress(done, files.Count, added, skipped, file));
        }

        return new IngestResult(files.Count, added, skipped);
    }

    /// <summary>Chunks, de-duplicates, embeds and stores one text; returns (added, skipped).</summary>
    public async Task<(int Added, int Skipped)> IngestTextAsync(string text, string? source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pending = new List<(string Id, string Text)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var skipped = 0;
        foreach (var chunk in _chunker.Chunk(text))
        {
            var id = ContentHash(chunk);
            if (!seen.Add(id) || await _index.ContainsAsync(id, cancellationToken).ConfigureAwait(false))
            {
                skipped++;
                continue;
            }

            pending.Add((id, chunk));
        }

        var records = new List<VectorRecord>(pending.Count);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < pending.Count; i += EmbeddingBatchSize)
        {
            var batch = pending.Skip(i).Take(EmbeddingBatchSize).ToArray();
            var embeddings = await _embedder.GenerateAsync(batch.Select(b => b.Text), null, cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < batch.Length; j++)
            {
                records.Add(new VectorRecord(batch[j].Id, embeddings[j].Vector, batch[j].Text) { Source = source, Tags = Tags, Timestamp = now });
            }
        }

        if (records.Count > 0)
        {
            await _index.UpsertAsync(records, cancellationToken).ConfigureAwait(false);
        }

        return (records.Count, skipped);
    }

    private static List<string> ExpandPaths(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                files.AddRange(Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories)
                    .Where(f => IsSupported(Path.GetExtension(f)))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(p))
            {
                files.Add(p);
            }
            else
            {
                throw new FileNotFoundException($"Path '{p}' is neither a file nor a folder.", p);
            }
        }

        return files;
    }

    private static bool IsSupported(string ext) =>
        DocumentReader.TextExtensions.Contains(ext) || ext.ToLowerInvariant() is ".md" or ".markdown" or ".html" or ".htm" or ".xhtml" or ".pdf";
}
