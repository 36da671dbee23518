using HtmlAgilityPack;

namespace Agents.Tools.Web.Search;

/// <summary>
/// Searches through DuckDuckGo's HTML results page (no key): results are <c>div.result</c> blocks (ads
/// skipped) with <c>a.result__a</c> titles and <c>.result__snippet</c> snippets; redirect links
/// <c>//duckduckgo.com/l/?uddg=…</c> are unwrapped. A 202/403/429 answer or an "anomaly"/captcha page is
/// reported as rate limiting.
/// </summary>
public sealed class DuckDuckGoSearchProvider : IWebSearchProvider
{
    /// <summary>The default endpoint.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://html.duckduckgo.com/html/");

    private readonly HttpClient _client;
    private readonly WebSearchOptions _options;
    private readonly Uri _baseUrl;

    /// <summary>Creates the provider over <paramref name="client"/>.</summary>
    public DuckDuckGoSearchProvider(HttpClient client, WebSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options.Clone();
        _baseUrl = options.BaseUrl ?? DefaultBaseUrl;
    }

    /// <inheritdoc />
    public string Name => "duckduckgo";

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebSearchResult>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = new Uri(_baseUrl.GetLeftPart(UriPartial.Path) + SearchHttp.Query(string.Empty, ("q", query)));
        var (_, html) = await SearchHttp.GetAsync(_client, url, _options, Name, null, cancellationToken).ConfigureAwait(false);
        return Parse(html, maxResults);
    }

    /// <summary>Parses a DuckDuckGo HTML results page.</summary>
    public static IReadOnlyList<WebSearchResult> Parse(string html, int maxResults)
    {
        ArgumentNullException.ThrowIfNull(html);
        var doc = new HtmlDocument();
        doc.LoadHtml(html);
        var results = new List<WebSearchResult>();
        var blocks = doc.DocumentNode.SelectNodes("//div[contains(concat(' ', normalize-space(@class), ' '), ' result ')]");
        if (blocks is null)
        {
            if (IsChallenge(html))
            {
                throw new WebSearchException("duckduckgo",
                    "duckduckgo answered with a bot check (anomaly/captcha page) instead of results; wait a few minutes, or configure another search provider.",
                    rateLimited: true);
            }

            return results;
        }

        foreach (var block in blocks)
        {
            if (results.Count >= maxResults)
            {
                break;
            }

            var cls = " " + block.GetAttributeValue("class", string.Empty) + " ";
            if (cls.Contains("result--ad", StringComparison.Ordinal))
            {
                continue;
            }

            var a = block.SelectSingleNode(".//a[contains(concat(' ', normalize-space(@class), ' '), ' result__a ')]");
            if (a is null)
            {
                continue;
            }

            var href = Unwrap(HtmlEntity.DeEntitize(a.GetAttributeValue("href", string.Empty)));
            if (href is null)
            {
                continue;
            }

            var snippet = block.SelectSingleNode(".//*[contains(concat(' ', normalize-space(@class), ' '), ' result__snippet ')]")?.InnerText ?? string.Empty;
            results.Add(new WebSearchResult(Text(a.InnerText), href, Text(snippet)));
        }

        return results;
    }

    /// <summary>Unwraps <c>//duckduckgo.com/l/?uddg=ENCODED</c> redirect links; returns null for non-http(s) targets.</summary>
    public static string? Unwrap(string href)
    {
        ArgumentNullException.ThrowIfNull(href);
        var h = href.Trim();
        if (h.StartsWith("//", StringComparison.Ordinal))
        {
            h = "https:" + h;
        }

        if (!Uri.TryCreate(h, UriKind.Absolute, out var uri))
        {
            return null;
        }

        if (uri.Host.EndsWith("duckduckgo.com", StringComparison.OrdinalIgnoreCase) && uri.AbsolutePath.StartsWith("/l/", StringComparison.Ordinal))
        {
            foreach (var part in uri.Query.TrimStart('?').Split('&'))
            {
                if (part.StartsWith("uddg=", StringComparison.Ordinal))
                {
                    var target = Uri.UnescapeDataString(part[5..].Replace('+', ' '));
                    return Uri.TryCreate(target, UriKind.Absolute, out var t) && t.Scheme is "http" or "https" ? t.AbsoluteUri : null;
                }
            }

            return null;
        }

        return uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
    }

    private static bool IsChallenge(string html) =>
        html.Contains("anomaly-modal", StringComparison.OrdinalIgnoreCase)
        || html.Contains("anomaly.js", StringComparison.OrdinalIgnoreCase)
        || html.Contains("captcha", StringComparison.OrdinalIgnoreCase)
        || html.Contains("bots use DuckDuckGo too", StringComparison.OrdinalIgnoreCase);

    private static string Text(string s) => HtmlPageExtractor.Normalize(HtmlEntity.DeEntitize(s)).Replace('\n', ' ');
}
