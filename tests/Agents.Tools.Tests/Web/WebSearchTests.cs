using Agents.Tools.Web.Search;
using Microsoft.Extensions.AI;

namespace Agents.Tools.Tests.Web;

public sealed class WebSearchTests : IClassFixture<WebTestServer>
{
    private readonly WebTestServer _server;

    public WebSearchTests(WebTestServer server) => _server = server;

    private IWebSearchProvider Provider(string provider, string path, string? key = null) =>
        WebSearchToolFactory.CreateProvider(WebSearchToolFactory.CreateHttpClient(), new WebSearchOptions
        {
            Provider = provider,
            BaseUrl = new Uri(_server.BaseUrl + path),
            ApiKey = key,
            Timeout = TimeSpan.FromSeconds(20),
        });

    [Fact]
    public async Task DuckDuckGo_ResultsPage_IsParsedAdsSkippedRedirectsUnwrapped()
    {
        var results = await Provider("duckduckgo", "/ddg/html/").SearchAsync("lighthouse keeper", 10);
        Assert.Equal(3, results.Count);
        Assert.Equal(new WebSearchResult("Lighthouse - Wikipedia", "https://en.wikipedia.org/wiki/Lighthouse", "A lighthouse is a tower & light."), results[0]);
        Assert.Equal("https://www.example.com/keepers", results[1].Url);
        Assert.Equal("http://third.example/a?b=1&c=2", results[2].Url);
        Assert.DoesNotContain(results, r => r.Title.Contains("Sponsored", StringComparison.Ordinal) || r.Url.StartsWith("javascript", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DuckDuckGo_MaxResults_IsRespected()
    {
        var results = await Provider("duckduckgo", "/ddg/html/").SearchAsync("lighthouse", 1);
        Assert.Single(results);
    }

    [Theory]
    [InlineData("/ddg-202/html/")]
    [InlineData("/ddg-429/html/")]
    [InlineData("/ddg-anomaly/html/")]
    public async Task DuckDuckGo_RateLimitOrCaptcha_IsReported(string path)
    {
        var e = await Assert.ThrowsAsync<WebSearchException>(() => Provider("duckduckgo", path).SearchAsync("x", 5));
        Assert.True(e.RateLimited);
        Assert.Contains("rate-limit", e.Message.Replace("bot check", "rate-limit", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuckDuckGo_NoResults_IsEmpty()
    {
        Assert.Empty(await Provider("duckduckgo", "/ddg-empty/html/").SearchAsync("zzzz", 5));
    }

    [Fact]
    public async Task Searxng_Json_IsParsed()
    {
        var results = await Provider("searxng", "/searx").SearchAsync("lighthouse", 5);
        Assert.Equal(2, results.Count);
        Assert.Equal("https://en.wikipedia.org/wiki/Lighthouse", results[0].Url);
        Assert.Equal("A tower with a light.", results[0].Snippet);
    }

    [Fact]
    public async Task Searxng_JsonDisabled_SaysHowToEnableIt()
    {
        var e = await Assert.ThrowsAsync<WebSearchException>(() => Provider("searxng", "/searx-nojson").SearchAsync("x", 5));
        Assert.Contains("search.formats", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Brave_WithKey_ReturnsPlainTextResults()
    {
        var results = await Provider("brave", "/brave/res/v1/web/search", "test-key").SearchAsync("lighthouse", 3);
        var r = Assert.Single(results);
        Assert.Equal("Brave Lighthouse", r.Title);
        Assert.Equal("The lamp room.", r.Snippet);
    }

    [Fact]
    public async Task Brave_WrongKey_IsReportedWithoutTheKey()
    {
        var e = await Assert.ThrowsAsync<WebSearchException>(() => Provider("brave", "/brave/res/v1/web/search", "wrong-secret-key").SearchAsync("x", 3));
        Assert.Contains("key", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-key", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Brave_WithoutKey_CannotBeCreated()
    {
        Assert.Throws<ArgumentException>(() => Provider("brave", "/brave/res/v1/web/search"));
    }

    [Fact]
    public async Task Tool_FormatsResultsAsUntrustedNumberedList()
    {
        var tool = new WebSearchTool(Provider("duckduckgo", "/ddg/html/"));
        var text = (string?)await tool.InvokeAsync(new AIFunctionArguments { ["query"] = "lighthouse", ["max_results"] = "2" });
        Assert.NotNull(text);
        Assert.StartsWith(UntrustedContent.BeginMarker, text, StringComparison.Ordinal);
        Assert.Contains("1. Lighthouse - Wikipedia\n   URL: https://en.wikipedia.org/wiki/Lighthouse", text, StringComparison.Ordinal);
        Assert.Contains("2. Keepers of the light", text, StringComparison.Ordinal);
        Assert.DoesNotContain("3. ", text, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ToolException>(async () => await tool.InvokeAsync(new AIFunctionArguments { ["query"] = " " }));
    }

    [Theory]
    [InlineData("//duckduckgo.com/l/?uddg=https%3A%2F%2Fa.example%2Fx&rut=1", "https://a.example/x")]
    [InlineData("https://duckduckgo.com/l/?uddg=https%3A%2F%2Fb.example%2F", "https://b.example/")]
    [InlineData("https://c.example/page", "https://c.example/page")]
    [InlineData("//duckduckgo.com/l/?uddg=javascript%3Aalert(1)", null)]
    [InlineData("/relative", null)]
    public void Unwrap_DuckDuckGoLinks(string href, string? expected)
    {
        Assert.Equal(expected, DuckDuckGoSearchProvider.Unwrap(href));
    }
}
