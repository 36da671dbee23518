namespace Agents.Tools.Web.Search;

/// <summary>A web search backend (DuckDuckGo's HTML page, SearXNG, Brave Search API…).</summary>
public interface IWebSearchProvider
{
    /// <summary>The provider's name, e.g. <c>duckduckgo</c>.</summary>
    string Name { get; }

    /// <summary>Searches for <paramref name="query"/> and returns at most <paramref name="maxResults"/> hits.</summary>
    /// <exception cref="WebSearchException">Rate limited, captcha, key rejected, bad response.</exception>
    Task<IReadOnlyList<WebSearchResult>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken = default);
}
