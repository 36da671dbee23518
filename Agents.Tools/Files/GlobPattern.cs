using System.Text;
using System.Text.RegularExpressions;

namespace Agents.Tools.Files;

/// <summary>
/// A file-name glob: <c>*</c> any characters within a name, <c>?</c> one character, <c>**</c> any number of
/// folders, <c>[abc]</c> not supported (matched literally). A pattern without '/' matches the file name at any
/// depth (<c>*.md</c> finds every Markdown file); otherwise it matches the path relative to the root.
/// Matching is case-insensitive and runs on a non-backtracking regex (no catastrophic patterns).
/// </summary>
public sealed class GlobPattern
{
    private readonly Regex _regex;

    /// <summary>Compiles <paramref name="pattern"/>.</summary>
    public GlobPattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var p = pattern.Trim().Replace('\\', '/').TrimStart('.', '/');
        if (p.Length == 0)
        {
            p = "**";
        }

        MatchesNameOnly = !p.Contains('/', StringComparison.Ordinal);
        var sb = new StringBuilder("^");
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '*' && i + 1 < p.Length && p[i + 1] == '*')
            {
                i++;
                if (i + 1 < p.Length && p[i + 1] == '/')
                {
                    i++;
                    sb.Append("(?:.*/)?");
                }
                else
                {
                    sb.Append(".*");
                }
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        sb.Append('$');
        _regex = new Regex(sb.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    /// <summary>Whether the pattern applies to file names only (it has no '/').</summary>
    public bool MatchesNameOnly { get; }

    /// <summary>Whether the file at <paramref name="relativePath"/> ('/' separators) matches.</summary>
    public bool IsMatch(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var subject = MatchesNameOnly ? relativePath[(relativePath.LastIndexOf('/') + 1)..] : relativePath;
        return _regex.IsMatch(subject);
    }
}
