using System.Text.RegularExpressions;

namespace Agents.Tools.Files;

/// <summary>
/// Resolves paths a model gives into real paths inside one root folder, or refuses them. Refused before
/// touching the disk: empty or over-long paths, control characters (NUL, CR, LF…), percent-escapes
/// (<c>%2e%2e</c>), absolute and UNC paths, drive letters and alternate data streams (any ':'), '~', '..',
/// names made only of dots or ending in a dot or space, the characters &lt;&gt;"|?*, and Windows device
/// names (CON, NUL, COM1, LPT1… also with an extension). Both '/' and '\' separate folders. Then every
/// component is resolved on disk like realpath(3), following symbolic links one by one (40 at most): the
/// final real path must lie inside the root's real path, and a link whose target is missing (dangling) is
/// refused. Checks happen before each operation; a concurrent process that swaps a folder for a link
/// between the check and the use is out of scope (no openat/O_NOFOLLOW in .NET).
/// </summary>
public sealed partial class PathSandbox
{
    private const int MaxLinks = 40;

    private static readonly System.Buffers.SearchValues<char> ReservedChars = System.Buffers.SearchValues.Create("<>\"|?*");

    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    private readonly int _maxPathLength;
    private readonly StringComparison _comparison;

    /// <summary>Creates a sandbox rooted at <paramref name="root"/>, which must be an existing folder.</summary>
    public PathSandbox(string root, int maxPathLength = 1024)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The file store root '{root}' does not exist.");
        }

        _comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        _maxPathLength = maxPathLength;
        Root = RealPathOfExisting(full);
    }

    /// <summary>The root's real path (symbolic links resolved).</summary>
    public string Root { get; }

    /// <summary>Checks the text of <paramref name="path"/> and returns its components; throws on anything refused.</summary>
    public IReadOnlyList<string> Validate(string path, string toolName = "file_store")
    {
        ArgumentNullException.ThrowIfNull(path);
        var p = path.Trim();
        if (p.Length == 0)
        {
            throw Refuse(toolName, path, "the path is empty.");
        }

        if (p.Length > _maxPathLength)
        {
            throw Refuse(toolName, path, $"the path is too long ({p.Length} characters, limit {_maxPathLength}).");
        }

        foreach (var c in p)
        {
            if (char.IsControl(c))
            {
                throw Refuse(toolName, path, $"control characters (U+{(int)c:X4}) are not allowed in paths.");
            }
        }

        if (PercentEscape().Match(p) is { Success: true } m)
        {
            throw Refuse(toolName, path, $"percent-encoded characters ('{m.Value}') are not allowed in paths; write the plain name.");
        }

        if (p[0] is '/' or '\\')
        {
            throw Refuse(toolName, path, "absolute paths are not allowed; give a path relative to the file store root, e.g. notes/todo.txt.");
        }

        if (p.Contains(':', StringComparison.Ordinal))
        {
            throw Refuse(toolName, path, "':' is not allowed in paths (drive letters, alternate data streams and URLs are refused).");
        }

        var segments = new List<string>();
        foreach (var segment in p.Split('/', '\\'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            CheckSegment(toolName, path, segment, segments.Count == 0);
            segments.Add(segment);
        }

        return segments;
    }

    /// <summary>
    /// Resolves <paramref name="path"/> to its real path inside the root. With <paramref name="followLeaf"/>
    /// false, a final component that is a symbolic link is returned as the link itself (for deletion).
    /// </summary>
    public SandboxedPath Resolve(string path, string toolName = "file_store", bool followLeaf = true)
    {
        var segments = Validate(path, toolName);
        var relative = segments.Count == 0 ? "." : string.Join('/', segments);
        if (!followLeaf && segments.Count > 0)
        {
            var parent = Walk(toolName, path, segments.Take(segments.Count - 1));
            if (!parent.Exists)
            {
                throw Refuse(toolName, path, $"the folder of '{relative}' does not exist.");
            }

            var leaf = Path.Join(parent.FullPath, segments[^1]);
            var info = new FileInfo(leaf);
            var exists = info.LinkTarget is not null || info.Exists || Directory.Exists(leaf);
            return new SandboxedPath(relative, leaf, exists, info.LinkTarget is null && Directory.Exists(leaf));
        }

        var resolved = Walk(toolName, path, segments);
        return resolved with { Relative = relative };
    }

    /// <summary>Whether <paramref name="fullPath"/> is the root or below it.</summary>
    public bool IsInside(string fullPath)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        return string.Equals(fullPath, Root, _comparison)
            || fullPath.StartsWith(Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar, _comparison);
    }

    private SandboxedPath Walk(string toolName, string path, IEnumerable<string> segments)
    {
        var current = Root;
        var queue = new LinkedList<(string Segment, bool FromLink)>(segments.Select(s => (s, false)));
        var links = 0;
        while (queue.First is { } node)
        {
            queue.RemoveFirst();
            var (segment, fromLink) = node.Value;
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, segment);
            var target = new FileInfo(next).LinkTarget;
            if (target is not null)
            {
                if (++links > MaxLinks)
                {
                    throw Refuse(toolName, path, "too many symbolic links (a loop?).");
                }

                if (Path.IsPathRooted(target))
                {
                    current = Path.GetPathRoot(target) ?? current;
                    target = target[current.Length..];
                }

                var parts = target.Split('/', '\\');
                for (var i = parts.Length - 1; i >= 0; i--)
                {
                    queue.AddFirst((parts[i], true));
                }

                continue;
            }

            if (!File.Exists(next) && !Directory.Exists(next))
            {
                if (fromLink)
                {
                    throw Refuse(toolName, path, "it goes through a symbolic link whose target does not exist (dangling link).");
                }

                var rest = new List<string> { next };
                rest.AddRange(queue.Select(q => q.Segment));
                var wouldBe = Path.Join(rest.ToArray());
                if (!IsInside(wouldBe))
                {
                    throw Refuse(toolName, path, "it leads outside the file store root.");
                }

                return new SandboxedPath(string.Empty, wouldBe, false, false);
            }

            current = next;
        }

        if (!IsInside(current))
        {
            throw Refuse(toolName, path, links > 0
                ? "it leads outside the file store root through a symbolic link."
                : "it leads outside the file store root.");
        }

        return new SandboxedPath(string.Empty, current, true, Directory.Exists(current));
    }

    private static void CheckSegment(string toolName, string path, string segment, bool first)
    {
        if (segment == "..")
        {
            throw Refuse(toolName, path, "'..' (parent folder) is not allowed: paths stay inside the file store root.");
        }

        if (first && segment.StartsWith('~'))
        {
            throw Refuse(toolName, path, "'~' (home folder) paths are not allowed; give a path relative to the file store root.");
        }

        if (segment.Length > 255)
        {
            throw Refuse(toolName, path, "a name in the path is longer than 255 characters.");
        }

        if (segment.Trim('.').Length == 0)
        {
            throw Refuse(toolName, path, $"'{segment}' is not a valid name.");
        }

        if (segment[^1] is '.' or ' ')
        {
            throw Refuse(toolName, path, $"names ending in a dot or a space ('{segment}') are not allowed.");
        }

        if (segment.AsSpan().IndexOfAny(ReservedChars) >= 0)
        {
            throw Refuse(toolName, path, $"the characters < > \" | ? * are not allowed in paths ('{segment}'); use search_files for patterns.");
        }

        var stem = segment.Split('.')[0].TrimEnd(' ');
        if (DeviceNames.Contains(stem))
        {
            throw Refuse(toolName, path, $"'{stem}' is a reserved device name and is not allowed.");
        }
    }

    private static string RealPathOfExisting(string fullPath)
    {
        // Resolve the root itself (it may be or sit under a symbolic link, e.g. /tmp on macOS).
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var current = root;
        var queue = new LinkedList<string>(fullPath[root.Length..].Split('/', '\\'));
        var links = 0;
        while (queue.First is { } node)
        {
            queue.RemoveFirst();
            var segment = node.Value;
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Join(current, segment);
            var target = new FileInfo(next).LinkTarget;
            if (target is not null && ++links <= MaxLinks)
            {
                if (Path.IsPathRooted(target))
                {
                    current = Path.GetPathRoot(target) ?? current;
                    target = target[current.Length..];
                }

                var parts = target.Split('/', '\\');
                for (var i = parts.Length - 1; i >= 0; i--)
                {
                    queue.AddFirst(parts[i]);
                }

                continue;
            }

            current = next;
        }

        return current;
    }

    private static FileStoreException Refuse(string toolName, string path, string why) =>
        new(toolName, path, $"refused path '{Display(path)}': {why}");

    private static string Display(string path)
    {
        var clean = new string(path.Select(c => char.IsControl(c) ? '?' : c).Take(200).ToArray());
        return path.Length > 200 ? clean + "…" : clean;
    }

    [GeneratedRegex("%[0-9A-Fa-f]{2}")]
    private static partial Regex PercentEscape();
}
