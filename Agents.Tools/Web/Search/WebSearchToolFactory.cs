using System.Globalization;
using System.Net;
using Agents.Core.Tools;
using Microsoft.Extensions.AI;

namespace Agents.Tools.Web.Search;

/// <summary>
/// Makes the <c>web_search</c> tool. Settings (all optional): <c>provider</c> (<c>duckduckgo</c> | <c>searxng</c>
/// | <c>brave</c>), <c>base_url</c>, <c>api_key</c> (or the environment variable named by <c>api_key_env</c>,
/// default <c>BRAVE_API_KEY</c>), <c>max_results</c> (default 5), <c>timeout_seconds</c> (10), <c>max_bytes</c>.
/// </summary>
public sealed class WebSearchToolFactory : IAgentToolFactory
{
    /// <inheritdoc />
    public string Name => WebSearchTool.ToolName;

    /// <summary>Reads <see cref="WebSearchOptions"/> from recipe settings.</summary>
    public static WebSearchOptions ReadOptions(ToolSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var d = new WebSearchOptions();
        var baseUrl = settings.GetString("base_url");
        var seconds = settings.GetString("timeout_seconds");
        var keyEnv = settings.GetString("api_key_env") ?? "BRAVE_API_KEY";
        return new WebSearchOptions
        {
            Provider = (settings.GetString("provider") ?? d.Provider).Trim().ToLowerInvariant(),
            BaseUrl = baseUrl is null ? null : new Uri(baseUrl, UriKind.Absolute),
            ApiKey = settings.GetString("api_key") ?? Environment.GetEnvironmentVariable(keyEnv),
            DefaultResults = (int)settings.GetInt64("max_results", d.DefaultResults),
            Timeout = seconds is null ? d.Timeout : TimeSpan.FromSeconds(double.Parse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture)),
            MaxBytes = settings.GetInt64("max_bytes", d.MaxBytes),
        };
    }

    /// <summary>Creates the provider named in <paramref name="options"/> over <paramref name="client"/>.</summary>
    public static IWebSearchProvider CreateProvider(HttpClient client, WebSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            "duckduckgo" or "ddg" => new DuckDuckGoSearchProvider(client, options),
            "searxng" or "searx" => new SearxngSearchProvider(client, options),
            "brave" => new BraveSearchProvider(client, options),
            _ => throw new ArgumentException($"Unknown search provider '{options.Provider}' (duckduckgo, searxng, brave).", nameof(options)),
        };
    }

    /// <summary>An HTTP client for search providers: no cookies, automatic decompression, no redirects (a redirect is reported, never followed blindly).</summary>
    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler
        {
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        { Timeout = Timeout.InfiniteTimeSpan };

    /// <inheritdoc />
    public AIFunction Create(ToolSettings settings, IServiceProvider services)
    {
        var options = ReadOptions(settings);
        return new WebSearchTool(CreateProvider(CreateHttpClient(), options), options.DefaultResults, options.MaxResultsLimit);
    }
}
