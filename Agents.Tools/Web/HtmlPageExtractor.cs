using System.Text;
using System.Text.RegularExpressions;
using HtmlAgilityPack;

namespace Agents.Tools.Web;

/// <summary>
/// Extracts the title, main text and links of an HTML page: SmartReader (a port of Mozilla's Readability)
/// picks the main content; when it finds none, the visible text of the body is used (scripts, styles,
/// navigation and hidden elements removed). Links come from HtmlAgilityPack, resolved against the page URL.
/// </summary>
internal static partial class HtmlPageExtractor
{
    public static (string Title, string Text, List<PageLink> Links) Extract(string html, Uri url, int maxLinks)
    {
        var doc = new HtmlDocument();
        doc.LoadHtml(html);
        var title = Clean(doc.DocumentNode.SelectSingleNode("//title")?.InnerText ?? string.Empty);
        var links = ExtractLinks(doc, url, maxLinks);

        string text = string.Empty;
        try
        {
            var reader = new SmartReader.Reader(url.AbsoluteUri, html) { Debug = false, Logging = SmartReader.ReportLevel.Issue, LoggerDelegate = _ => { } };
            var article = reader.GetArticle();
            if (article.IsReadable && !string.IsNullOrWhiteSpace(article.TextContent))
            {
                text = Normalize(article.TextContent);
                if (title.Length == 0 && !string.IsNullOrWhiteSpace(article.Title))
                {
                    title = Clean(article.Title);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            text = string.Empty; // fall back to the plain body text below
        }

        if (text.Length == 0)
        {
            text = VisibleText(doc);
        }

        return (title, text, links);
    }

    private static List<PageLink> ExtractLinks(HtmlDocument doc, Uri url, int maxLinks)
    {
        var baseUri = url;
        var baseHref = doc.DocumentNode.SelectSingleNode("//base[@href]")?.GetAttributeValue("href", null);
        if (baseHref is not null && Uri.TryCreate(url, HtmlEntity.DeEntitize(baseHref).Trim(), out var b) && b.Scheme is "http" or "https")
        {
            baseUri = b;
        }

        var links = new List<PageLink>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in doc.DocumentNode.SelectNodes("//a[@href]") ?? Enumerable.Empty<HtmlNode>())
        {
            if (links.Count >= maxLinks)
            {
                break;
            }

            var href = HtmlEntity.DeEntitize(a.GetAttributeValue("href", string.Empty)).Trim();
            if (href.Length == 0 || href.StartsWith('#') || !Uri.TryCreate(baseUri, href, out var target) || target.Scheme is not ("http" or "https"))
            {
                continue;
            }

            var absolute = target.GetLeftPart(UriPartial.Query);
            if (seen.Add(absolute))
            {
                links.Add(new PageLink(Clean(a.InnerText), absolute));
            }
        }

        return links;
    }

    private static string VisibleText(HtmlDocument doc)
    {
        foreach (var node in doc.DocumentNode.SelectNodes("//script|//style|//noscript|//template|//svg|//head|//nav|//iframe|//*[@hidden]|//*[contains(translate(@style,' ',''),'display:none')]")?.ToList() ?? [])
        {
            node.Remove();
        }

        var body = doc.DocumentNode.SelectSingleNode("//body") ?? doc.DocumentNode;
        var sb = new StringBuilder();
        AppendText(body, sb);
        return Normalize(sb.ToString());
    }

    private static void AppendText(HtmlNode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child.NodeType == HtmlNodeType.Text)
            {
                sb.Append(HtmlEntity.DeEntitize(child.InnerText));
            }
            else if (child.NodeType == HtmlNodeType.Element)
            {
                var block = child.Name is "p" or "div" or "br" or "li" or "tr" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "section" or "article" or "pre" or "blockquote" or "table";
                if (block)
                {
                    sb.Append('\n');
                }

                AppendText(child, sb);
                if (block)
                {
                    sb.Append('\n');
                }
            }
        }
    }

    internal static string Normalize(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n')
            .Select(l => Spaces().Replace(l, " ").Trim());
        var sb = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                blank++;
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(blank > 0 ? "\n\n" : "\n");
            }

            sb.Append(line);
            blank = 0;
        }

        return sb.ToString();
    }

    private static string Clean(string s) => Spaces().Replace(HtmlEntity.DeEntitize(s), " ").Trim();

    [GeneratedRegex(@"[ \t\f\v\u00A0\u2000-\u200A\u3000]+")]
    private static partial Regex Spaces();
}
