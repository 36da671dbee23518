using System.Collections.Concurrent;
using System.Globalization;

namespace Agents.Core.Memory;

/// <summary>
/// A memory kept in a list, scored by word overlap (cosine similarity of the sets of lower-cased words).
/// For tests and small sessions; the embedding-based memory lives in Agents.Memory.
/// </summary>
public sealed class InMemoryAgentMemory : IAgentMemory
{
    private readonly ConcurrentDictionary<string, (MemoryEntry Entry, HashSet<string> Words)> _entries = new();
    private long _nextId;

    /// <summary>Everything stored, in no particular order.</summary>
    public IReadOnlyCollection<MemoryEntry> Entries => _entries.Values.Select(e => e.Entry).ToList();

    /// <inheritdoc />
    public Task<string> WriteAsync(MemoryEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        _entries[id] = (entry, Words(entry.Text));
        return Task.FromResult(id);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryHit>> SearchAsync(string query, int topK, double minScore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        cancellationToken.ThrowIfCancellationRequested();
        var q = Words(query);
        IReadOnlyList<MemoryHit> hits = q.Count == 0 || topK == 0 ? [] : _entries
            .Select(kv => new MemoryHit(kv.Key, kv.Value.Entry, Score(q, kv.Value.Words)))
            .Where(h => h.Score >= minScore && h.Score > 0)
            .OrderByDescending(h => h.Score).ThenBy(h => h.Id, StringComparer.Ordinal)
            .Take(topK)
            .ToList();
        return Task.FromResult(hits);
    }

    private static double Score(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : a.Count(b.Contains) / Math.Sqrt((double)a.Count * b.Count);

    private static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }
}
