using System.Globalization;
using System.Text;

namespace Agents.Tools.Web.Search;

/// <summary>The <c>web_search</c> tool: title, URL and snippet of the top results, marked as untrusted.</summary>
public sealed class WebSearchTool : ToolFunction
{
    /// <summary>The tool's name.</summary>
    public const string ToolName = "web_search";

    private readonly IWebSearchProvider _provider;
    private readonly int _defaultResults;
    private readonly int _maxResults;

    /// <summary>Creates the tool over <paramref name="provider"/>.</summary>
    public WebSearchTool(IWebSearchProvider provider, int defaultResults = 5, int maxResults = 20)
        : base(ToolName,
            "Searches the web and returns the top results (title, URL, snippet). Then use fetch_page on a URL to read it. Example: {\"query\": \"population of Lisbon 2024\", \"max_results\": 5}",
            [new ToolParameter("query", "string", "What to search for, in a few words."),
             new ToolParameter("max_results", "integer", $"How many results (1 to {maxResults}); default {defaultResults}.", Required: false)])
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        _defaultResults = Math.Clamp(defaultResults, 1, Math.Max(1, maxResults));
        _maxResults = Math.Max(1, maxResults);
    }

    /// <summary>Formats results as an observation.</summary>
    public static string Format(string query, IReadOnlyList<WebSearchResult> results)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder();
        if (results.Count == 0)
        {
            sb.Append("(no results)");
        }

        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            if (i > 0)
            {
                sb.Append("\n\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"{i + 1}. {r.Title}\n   URL: {r.Url}");
            if (r.Snippet.Length > 0)
            {
                sb.Append("\n   ").Append(r.Snippet.Length > 400 ? r.Snippet[..400] + "…" : r.Snippet);
            }
        }

        return UntrustedContent.Wrap($"web search results for \"{query}\"", sb.ToString());
    }

    /// <inheritdoc />
    protected override async Task<string> InvokeToolAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var query = arguments.GetRequiredString("query").Trim();
        if (query.Length == 0)
        {
            throw new ToolException(Name, "the query is empty.");
        }

        if (query.Length > 500)
        {
            throw new ToolException(Name, "the query is longer than 500 characters; use a few key words.");
        }

        var count = (int)Math.Clamp(arguments.GetInt64("max_results", _defaultResults), 1, _maxResults);
        var results = await _provider.SearchAsync(query, count, cancellationToken).ConfigureAwait(false);
        return Format(query, results);
    }
}
