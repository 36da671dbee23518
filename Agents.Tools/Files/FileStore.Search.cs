using System.Globalization;
using System.Text;

namespace Agents.Tools.Files;

/// <summary>The <c>search_files</c> part of the file store.</summary>
public sealed partial class FileStore
{
    /// <summary>
    /// Finds files whose name (or relative path, when <paramref name="pattern"/> has a '/') matches the glob,
    /// and, when <paramref name="containing"/> is given, whose text contains it (case-insensitive). Symbolic
    /// links are not followed while walking.
    /// </summary>
    public async Task<string> SearchFilesAsync(string pattern, string? containing = null, CancellationToken cancellationToken = default)
    {
        const string tool = "search_files";
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length > 256)
        {
            throw Fail(tool, pattern, "the pattern is too long (limit 256 characters).");
        }

        if (pattern.Any(char.IsControl) || pattern.Contains("..", StringComparison.Ordinal) || pattern.Contains(':', StringComparison.Ordinal)
            || pattern.TrimStart().StartsWith('/') || pattern.TrimStart().StartsWith('\\'))
        {
            throw Fail(tool, pattern, $"refused pattern '{pattern}': patterns are relative to the file store root, without '..', ':' or control characters.");
        }

        var glob = new GlobPattern(pattern);
        var results = new List<string>();
        var visits = 0;
        var truncated = false;
        var stack = new Stack<(string Full, string Relative, int Depth)>();
        stack.Push((Sandbox.Root, string.Empty, 0));
        while (stack.Count > 0 && !truncated)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (full, relative, depth) = stack.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(full).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            var subfolders = new List<(string, string, int)>();
            foreach (var entry in entries)
            {
                if (++visits > _options.MaxSearchVisits)
                {
                    truncated = true;
                    break;
                }

                if (entry.LinkTarget is not null || AtomicFileWriter.IsTempFile(entry.Name))
                {
                    continue;
                }

                var rel = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                if (entry is DirectoryInfo)
                {
                    if (depth < _options.MaxSearchDepth)
                    {
                        subfolders.Add((entry.FullName, rel, depth + 1));
                    }

                    continue;
                }

                if (!glob.IsMatch(rel))
                {
                    continue;
                }

                var line = string.IsNullOrEmpty(containing)
                    ? string.Create(CultureInfo.InvariantCulture, $"{rel} ({((FileInfo)entry).Length} bytes)")
                    : await MatchContentAsync((FileInfo)entry, rel, containing, cancellationToken).ConfigureAwait(false);
                if (line is null)
                {
                    continue;
                }

                results.Add(line);
                if (results.Count >= _options.MaxSearchResults)
                {
                    truncated = true;
                    break;
                }
            }

            for (var i = subfolders.Count - 1; i >= 0; i--)
            {
                stack.Push(subfolders[i]);
            }
        }

        var body = results.Count == 0 ? "(no matching files)" : string.Join('\n', results);
        if (truncated)
        {
            body += string.Create(CultureInfo.InvariantCulture, $"\n… search stopped at a limit ({_options.MaxSearchResults} results or {_options.MaxSearchVisits} entries visited).");
        }

        var what = string.IsNullOrEmpty(containing) ? $"files matching {pattern}" : $"files matching {pattern} containing \"{containing}\"";
        return UntrustedContent.Wrap(what, body);
    }

    private async Task<string?> MatchContentAsync(FileInfo file, string relative, string needle, CancellationToken cancellationToken)
    {
        if (file.Length > _options.MaxReadBytes || file.Length == 0)
        {
            return null; // empty files hold no text; FIFOs and devices also report 0 and would block a read
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return null;
        }

        var lines = StrictUtf8.GetString(bytes).Split('\n');
        var hits = new StringBuilder();
        var count = 0;
        for (var i = 0; i < lines.Length && count < 3; i++)
        {
            if (lines[i].Contains(needle, StringComparison.OrdinalIgnoreCase))
            {
                var text = lines[i].Trim();
                if (text.Length > 200)
                {
                    text = text[..200] + "…";
                }

                hits.Append(CultureInfo.InvariantCulture, $"\n  line {i + 1}: {text}");
                count++;
            }
        }

        return count == 0 ? null : relative + hits;
    }
}
