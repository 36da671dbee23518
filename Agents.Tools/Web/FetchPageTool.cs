using System.Globalization;
using System.Text;

namespace Agents.Tools.Web;

/// <summary>The <c>fetch_page</c> tool: the readable text, title and links of a web page or PDF, marked as untrusted.</summary>
public sealed class FetchPageTool : ToolFunction
{
    /// <summary>The tool's name.</summary>
    public const string ToolName = "fetch_page";

    private readonly PageFetcher _fetcher;
    private readonly int _maxChars;

    /// <summary>Creates the tool over <paramref name="fetcher"/>; at most <paramref name="maxChars"/> characters of text are returned.</summary>
    public FetchPageTool(PageFetcher fetcher, int maxChars = 20_000)
        : base(ToolName,
            "Downloads a web page (or PDF) and returns its title, main text and links. Use it to read a URL found with web_search. Example: {\"url\": \"https://en.wikipedia.org/wiki/Ada_Lovelace\"}",
            [new ToolParameter("url", "string", "The full http or https address of the page.")])
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        _fetcher = fetcher;
        _maxChars = maxChars;
    }

    /// <summary>Formats a fetched page as an observation.</summary>
    public static string Format(FetchedPage page, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(page);
        var sb = new StringBuilder();
        if (page.Title.Length > 0)
        {
            sb.Append("Title: ").Append(page.Title).Append('\n');
        }

        sb.Append("URL: ").Append(page.Url.AbsoluteUri).Append('\n');
        sb.Append("Type: ").Append(page.ContentType).Append("\n\n");
        var text = page.Text;
        if (text.Length > maxChars)
        {
            text = text[..maxChars] + string.Create(CultureInfo.InvariantCulture, $"\n[… truncated: {page.Text.Length - maxChars} more characters]");
        }

        sb.Append(text.Length == 0 ? "(no readable text)" : text);
        if (page.Links.Count > 0)
        {
            sb.Append("\n\nLinks:");
            for (var i = 0; i < page.Links.Count; i++)
            {
                var l = page.Links[i];
                sb.Append(CultureInfo.InvariantCulture, $"\n{i + 1}. {(l.Text.Length == 0 ? "(no text)" : l.Text)} - {l.Url}");
            }
        }

        return UntrustedContent.Wrap($"web page {page.Url.AbsoluteUri}", sb.ToString());
    }

    /// <inheritdoc />
    protected override async Task<string> InvokeToolAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var page = await _fetcher.FetchAsync(arguments.GetRequiredString("url"), cancellationToken).ConfigureAwait(false);
        return Format(page, _maxChars);
    }
}
