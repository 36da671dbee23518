namespace Agents.Tools.Web.Search;

/// <summary>Settings of <c>web_search</c>. The endpoint is configuration (trusted), so it may be a local SearXNG.</summary>
public sealed class WebSearchOptions
{
    /// <summary>Which provider: <c>duckduckgo</c> (default, no key), <c>searxng</c> or <c>brave</c>.</summary>
    public string Provider { get; set; } = "duckduckgo";

    /// <summary>
    /// The provider's endpoint; null uses its public default (DuckDuckGo <c>https://html.duckduckgo.com/html/</c>,
    /// Brave <c>https://api.search.brave.com/res/v1/web/search</c>); SearXNG needs one (e.g. <c>http://127.0.0.1:8888</c>).
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The API key of keyed providers (Brave). Never logged nor shown in errors.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The default and largest number of results. Default 5, at most <see cref="MaxResultsLimit"/>.</summary>
    public int DefaultResults { get; set; } = 5;

    /// <summary>The most results a call may ask for. Default 20.</summary>
    public int MaxResultsLimit { get; set; } = 20;

    /// <summary>Time for one search. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest response read, in bytes. Default 2 MB.</summary>
    public long MaxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The User-Agent header sent.</summary>
    public string UserAgent { get; set; } = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

    /// <summary>Returns a copy of these options.</summary>
    public WebSearchOptions Clone() => (WebSearchOptions)MemberwiseClone();
}
