using System.Globalization;
using System.Text.Json;
using HtmlAgilityPack;

namespace Agents.Tools.Web.Search;

/// <summary>
/// Searches with the Brave Search API (<c>GET /res/v1/web/search</c>, header <c>X-Subscription-Token</c>).
/// The key comes from settings or the <c>BRAVE_API_KEY</c> environment variable and is never logged or shown.
/// </summary>
public sealed class BraveSearchProvider : IWebSearchProvider
{
    /// <summary>The default endpoint.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.search.brave.com/res/v1/web/search");

    private readonly HttpClient _client;
    private readonly WebSearchOptions _options;
    private readonly Uri _baseUrl;

    /// <summary>Creates the provider; <see cref="WebSearchOptions.ApiKey"/> must be set.</summary>
    public BraveSearchProvider(HttpClient client, WebSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new ArgumentException("Brave Search needs an API key (setting api_key, or BRAVE_API_KEY in the environment).", nameof(options));
        }

        _client = client;
        _options = options.Clone();
        _baseUrl = options.BaseUrl ?? DefaultBaseUrl;
    }

    /// <inheritdoc />
    public string Name => "brave";

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebSearchResult>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = new Uri(_baseUrl.AbsoluteUri.Split('?')[0] + SearchHttp.Query(string.Empty, ("q", query), ("count", Math.Clamp(maxResults, 1, 20).ToString(CultureInfo.InvariantCulture))));
        string body;
        try
        {
            (_, body) = await SearchHttp.GetAsync(_client, url, _options, Name,
                [new("X-Subscription-Token", _options.ApiKey!), new("Accept", "application/json")], cancellationToken).ConfigureAwait(false);
        }
        catch (WebSearchException e) when (e.Message.Contains("HTTP 401", StringComparison.Ordinal) || e.Message.Contains("HTTP 422", StringComparison.Ordinal))
        {
            throw new WebSearchException(Name, "brave rejected the API key (check api_key / BRAVE_API_KEY).", false, e);
        }

        return Parse(body, maxResults);
    }

    /// <summary>Parses a Brave Search API answer.</summary>
    public static IReadOnlyList<WebSearchResult> Parse(string json, int maxResults)
    {
        ArgumentNullException.ThrowIfNull(json);
        var results = new List<WebSearchResult>();
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (!doc.RootElement.TryGetProperty("web", out var web) || !web.TryGetProperty("results", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return results;
            }

            foreach (var item in items.EnumerateArray())
            {
                if (results.Count >= maxResults)
                {
                    break;
                }

                var url = Str(item, "url");
                if (Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https")
                {
                    results.Add(new WebSearchResult(Str(item, "title"), u.AbsoluteUri, Str(item, "description")));
                }
            }
        }
        catch (JsonException e)
        {
            throw new WebSearchException("brave", "brave's answer is not valid JSON.", false, e);
        }

        return results;
    }

    private static string Str(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String)
        {
            return string.Empty;
        }

        // Brave marks matches with <strong>; keep the text only.
        var doc = new HtmlDocument();
        doc.LoadHtml(v.GetString() ?? string.Empty);
        return HtmlPageExtractor.Normalize(HtmlEntity.DeEntitize(doc.DocumentNode.InnerText)).Replace('\n', ' ');
    }
}
