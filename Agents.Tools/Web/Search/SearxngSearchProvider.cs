using System.Text.Json;

namespace Agents.Tools.Web.Search;

/// <summary>
/// Searches a SearXNG instance through its JSON API (<c>/search?q=…&amp;format=json</c>; the instance must list
/// <c>json</c> under <c>search.formats</c>, or it answers 403).
/// </summary>
public sealed class SearxngSearchProvider : IWebSearchProvider
{
    private readonly HttpClient _client;
    private readonly WebSearchOptions _options;
    private readonly Uri _baseUrl;

    /// <summary>Creates the provider; <see cref="WebSearchOptions.BaseUrl"/> must name the instance.</summary>
    public SearxngSearchProvider(HttpClient client, WebSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options.Clone();
        _baseUrl = options.BaseUrl ?? throw new ArgumentException("SearXNG needs base_url (e.g. http://127.0.0.1:8888).", nameof(options));
    }

    /// <inheritdoc />
    public string Name => "searxng";

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebSearchResult>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var root = _baseUrl.AbsoluteUri.TrimEnd('/');
        var url = new Uri(root + "/search" + SearchHttp.Query(string.Empty, ("q", query), ("format", "json")));
        string body;
        try
        {
            (_, body) = await SearchHttp.GetAsync(_client, url, _options, Name, null, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSearchException e) when (e.Message.Contains("HTTP 403", StringComparison.Ordinal))
        {
            throw new WebSearchException(Name, "searxng refused the JSON API (HTTP 403): enable 'json' under search.formats in its settings.yml, or it is rate-limiting.", true, e);
        }

        return Parse(body, maxResults);
    }

    /// <summary>Parses a SearXNG JSON answer.</summary>
    public static IReadOnlyList<WebSearchResult> Parse(string json, int maxResults)
    {
        ArgumentNullException.ThrowIfNull(json);
        var results = new List<WebSearchResult>();
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (!doc.RootElement.TryGetProperty("results", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw new WebSearchException("searxng", "searxng's answer has no 'results' list.");
            }

            foreach (var item in items.EnumerateArray())
            {
                if (results.Count >= maxResults)
                {
                    break;
                }

                var url = Str(item, "url");
                if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
                {
                    continue;
                }

                results.Add(new WebSearchResult(Str(item, "title"), u.AbsoluteUri, Str(item, "content")));
            }
        }
        catch (JsonException e)
        {
            throw new WebSearchException("searxng", "searxng's answer is not valid JSON.", false, e);
        }

        return results;
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? HtmlPageExtractor.Normalize(v.GetString() ?? string.Empty).Replace('\n', ' ') : string.Empty;
}
