using System.Text;
using System.Text.RegularExpressions;
using HtmlAgilityPack;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Agents.Memory.Ingestion;

/// <summary>
/// Extracts text from plain text, Markdown, HTML (main content through SmartReader, all visible text through
/// HtmlAgilityPack when no article is found) and PDF (PdfPig, content order). The format follows the file extension.
/// </summary>
public static partial class DocumentReader
{
    /// <summary>Extensions read as plain text.</summary>
    public static IReadOnlySet<string> TextExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".txt", ".text", ".log", ".csv", ".json", ".yaml", ".yml", ".cs", ".py", ".rst" };

    /// <summary>Reads <paramref name="path"/>; files larger than <paramref name="maxBytes"/> are refused.</summary>
    public static async Task<ExtractedDocument> ReadAsync(string path, long maxBytes = 64L << 20, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"File '{path}' does not exist.", path);
        }

        if (info.Length > maxBytes)
        {
            throw new InvalidDataException($"File '{path}' has {info.Length} bytes; the limit is {maxBytes}.");
        }

        var ext = info.Extension.ToLowerInvariant();
        switch (ext)
        {
            case ".pdf":
                return ReadPdf(info.FullName, cancellationToken);
            case ".html" or ".htm" or ".xhtml":
                return FromHtml(info.FullName, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
            case ".md" or ".markdown":
                return new ExtractedDocument(info.FullName, FromMarkdown(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)));
            default:
                if (!TextExtensions.Contains(ext) && ext.Length > 0)
                {
                    throw new NotSupportedException($"File '{path}': extension '{ext}' is not supported (text, Markdown, HTML, PDF).");
                }

                return new ExtractedDocument(info.FullName, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>The main content of an HTML page.</summary>
    public static ExtractedDocument FromHtml(string source, string html)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(html);
        try
        {
            var uri = Uri.TryCreate(source, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? source : "https://localhost/" + Path.GetFileName(source);
            var article = SmartReader.Reader.ParseArticle(uri, html);
            if (article.IsReadable && !string.IsNullOrWhiteSpace(article.TextContent))
            {
                return new ExtractedDocument(source, CollapseBlankLines(article.TextContent), article.Title);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or NullReferenceException)
        {
            // Fall through to the plain text of the page.
        }

        var doc = new HtmlDocument();
        doc.LoadHtml(html);
        foreach (var node in doc.DocumentNode.SelectNodes("//script|//style|//noscript|//nav|//header|//footer") ?? Enumerable.Empty<HtmlNode>())
        {
            node.Remove();
        }

        var title = doc.DocumentNode.SelectSingleNode("//title")?.InnerText;
        var text = HtmlEntity.DeEntitize(doc.DocumentNode.InnerText);
        return new ExtractedDocument(source, CollapseBlankLines(text), title is null ? null : HtmlEntity.DeEntitize(title).Trim());
    }

    /// <summary>Markdown as readable text: fences, emphasis markers, images and link targets removed.</summary>
    public static string FromMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = Fence().Replace(markdown, string.Empty);
        text = Image().Replace(text, "$1");
        text = Link().Replace(text, "$1");
        text = Heading().Replace(text, string.Empty);
        text = Emphasis().Replace(text, "$2");
        return CollapseBlankLines(text);
    }

    private static ExtractedDocument ReadPdf(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var pdf = PdfDocument.Open(path);
            var sb = new StringBuilder();
            foreach (var page in pdf.GetPages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                sb.AppendLine(ContentOrderTextExtractor.GetText(page));
                sb.AppendLine();
            }

            return new ExtractedDocument(path, CollapseBlankLines(sb.ToString()), pdf.Information.Title);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not InvalidDataException)
        {
            throw new InvalidDataException($"File '{path}' is not a readable PDF: {ex.Message}", ex);
        }
    }

    private static string CollapseBlankLines(string text) => BlankLines().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\n").Trim();

    [GeneratedRegex(@"^\s*(```|~~~).*$", RegexOptions.Multiline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\n[ \t]*(\n[ \t]*)+")]
    private static partial Regex BlankLines();
}
