using System.Net;
using Agents.Tools.Web;
using Microsoft.Extensions.AI;

namespace Agents.Tools.Tests.Web;

public sealed class PageFetcherTests : IClassFixture<WebTestServer>
{
    private readonly WebTestServer _server;

    public PageFetcherTests(WebTestServer server) => _server = server;

    private PageFetcher Fetcher(Action<WebFetchOptions>? configure = null)
    {
        var options = new WebFetchOptions { Timeout = TimeSpan.FromSeconds(20) };
        options.AllowedHosts.Add("127.0.0.1");
        configure?.Invoke(options);
        return new PageFetcher(options);
    }

    [Fact]
    public async Task Fetch_Article_ReturnsMainTextTitleAndLinks()
    {
        using var fetcher = Fetcher();
        var page = await fetcher.FetchAsync(_server.BaseUrl + "/article");
        Assert.Equal("The Lighthouse Keeper", page.Title);
        Assert.Contains("forty-one days of fog", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("script text must not appear", page.Text, StringComparison.Ordinal);
        Assert.Contains(page.Links, l => l.Url == _server.BaseUrl + "/history?page=2" && l.Text == "the history section");
        Assert.Contains(page.Links, l => l.Url == "https://example.org/lighthouses");
        Assert.Equal(0, page.Redirects);
    }

    [Fact]
    public async Task Tool_WrapsPageAsUntrustedContent()
    {
        using var fetcher = Fetcher();
        var tool = new FetchPageTool(fetcher);
        var text = (string?)await tool.InvokeAsync(new AIFunctionArguments { ["url"] = _server.BaseUrl + "/article" });
        Assert.NotNull(text);
        Assert.StartsWith(UntrustedContent.BeginMarker, text, StringComparison.Ordinal);
        Assert.Contains("Title: The Lighthouse Keeper", text, StringComparison.Ordinal);
        Assert.Contains("Links:", text, StringComparison.Ordinal);
        Assert.EndsWith(UntrustedContent.EndMarker, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_Pdf_ReturnsTextOfAllPages()
    {
        using var fetcher = Fetcher();
        var page = await fetcher.FetchAsync(_server.BaseUrl + "/doc.pdf");
        Assert.Equal("application/pdf", page.ContentType);
        Assert.Equal("Annual Lighthouse Report", page.Title);
        Assert.Contains("Lighthouse report page one", page.Text, StringComparison.Ordinal);
        Assert.Contains("Forty-one days of fog", page.Text, StringComparison.Ordinal);
        var sniffed = await fetcher.FetchAsync(_server.BaseUrl + "/pdf-no-type");
        Assert.Equal("application/pdf", sniffed.ContentType);
    }

    [Fact]
    public async Task Fetch_PlainText_IsReturnedAsIs()
    {
        using var fetcher = Fetcher();
        var page = await fetcher.FetchAsync(_server.BaseUrl + "/plain");
        Assert.Equal("just text\nline two", page.Text);
    }

    [Theory]
    [InlineData("/latin1-header", "Café", "Crème brûlée costs 5 €.")]
    [InlineData("/latin1-meta", "Naïve", "Grüße aus Köln.")]
    [InlineData("/sjis", "灯台", "こんにちは世界")]
    [InlineData("/utf16-bom", "Wide", "über")]
    public async Task Fetch_NonUtf8Charset_IsDecoded(string path, string title, string text)
    {
        using var fetcher = Fetcher();
        var page = await fetcher.FetchAsync(_server.BaseUrl + path);
        Assert.Equal(title, page.Title);
        Assert.Contains(text, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_RedirectChainWithinLimit_IsFollowed()
    {
        using var fetcher = Fetcher();
        var page = await fetcher.FetchAsync(_server.BaseUrl + "/redirect/4");
        Assert.Equal(5, page.Redirects);
        Assert.Equal(_server.BaseUrl + "/article", page.Url.AbsoluteUri);
    }

    [Fact]
    public async Task Fetch_RedirectChainOverLimit_Fails()
    {
        using var fetcher = Fetcher();
        var e = await Assert.ThrowsAsync<ToolException>(() => fetcher.FetchAsync(_server.BaseUrl + "/redirect/5"));
        Assert.Contains("too many redirects", e.Message, StringComparison.Ordinal);
        using var strict = Fetcher(o => o.MaxRedirects = 1);
        await Assert.ThrowsAsync<ToolException>(() => strict.FetchAsync(_server.BaseUrl + "/redirect/1"));
    }

    [Theory]
    [InlineData("/redirect-private", "10.0.0.1")]
    [InlineData("/redirect-metadata", "169.254")]
    [InlineData("/redirect-other-loopback", "127.0.0.2")]
    [InlineData("/redirect-localhost", "localhost")]
    [InlineData("/redirect-ipv6", "::1")]
    [InlineData("/redirect-file", "only http and https")]
    public async Task Fetch_RedirectToPrivateAddress_IsBlocked(string path, string fragment)
    {
        using var fetcher = Fetcher();
        var e = await Assert.ThrowsAsync<FetchBlockedException>(() => fetcher.FetchAsync(_server.BaseUrl + path));
        Assert.StartsWith("blocked: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_RedirectToDecimalFormOfAllowedAddress_IsTheSameHost()
    {
        // 2130706433 is 127.0.0.1, the allowed host itself: the guard compares the address it means.
        using var fetcher = Fetcher();
        var page = await fetcher.FetchAsync(_server.BaseUrl + "/redirect-decimal");
        Assert.Equal(_server.BaseUrl + "/article", page.Url.AbsoluteUri);
    }

    [Fact]
    public async Task Fetch_LoopbackWithoutAllowList_IsBlocked()
    {
        using var fetcher = new PageFetcher();
        var e = await Assert.ThrowsAsync<FetchBlockedException>(() => fetcher.FetchAsync(_server.BaseUrl + "/article"));
        Assert.Contains("loopback", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_OversizedBody_Fails()
    {
        using var fetcher = Fetcher(o => o.MaxBytes = 1024 * 1024);
        var e = await Assert.ThrowsAsync<ToolException>(() => fetcher.FetchAsync(_server.BaseUrl + "/big"));
        Assert.Contains("limit", e.Message, StringComparison.Ordinal);
        e = await Assert.ThrowsAsync<ToolException>(() => fetcher.FetchAsync(_server.BaseUrl + "/big-chunked"));
        Assert.Contains("limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_SlowBody_TimesOut()
    {
        using var fetcher = Fetcher(o => o.Timeout = TimeSpan.FromSeconds(1));
        var e = await Assert.ThrowsAsync<ToolException>(() => fetcher.FetchAsync(_server.BaseUrl + "/slow"));
        Assert.Contains("timed out", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_HttpErrorAndUnsupportedType_GiveClearErrors()
    {
        using var fetcher = Fetcher();
        Assert.Contains("HTTP 404", (await Assert.ThrowsAsync<ToolException>(() => fetcher.FetchAsync(_server.BaseUrl + "/missing"))).Message, StringComparison.Ordinal);
        Assert.Contains("unsupported content type", (await Assert.ThrowsAsync<ToolException>(() => fetcher.FetchAsync(_server.BaseUrl + "/binary"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_HostNameResolvingToLoopback_IsBlockedAtConnect()
    {
        // DNS rebinding: the name passes the URL check; the address it resolves to is checked when connecting.
        using var fetcher = Fetcher(o => o.Resolver = (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));
        var e = await Assert.ThrowsAsync<FetchBlockedException>(() => fetcher.FetchAsync($"http://rebind.test:{_server.Port}/article"));
        Assert.Contains("resolves to 127.0.0.1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_NameWithOnePrivateAddressAmongPublicOnes_IsBlocked()
    {
        using var fetcher = Fetcher(o => o.Resolver = (_, _) => Task.FromResult(new[] { IPAddress.Parse("93.184.216.34"), IPAddress.Parse("::ffff:10.1.2.3") }));
        var e = await Assert.ThrowsAsync<FetchBlockedException>(() => fetcher.FetchAsync($"http://mixed.test:{_server.Port}/article"));
        Assert.Contains("10.0.0.0/8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_AllowedIntranetName_ReachesPrivateAddress()
    {
        using var fetcher = Fetcher(o =>
        {
            o.AllowedHosts.Clear();
            o.AllowedHosts.Add("intranet.test");
            o.Resolver = (_, _) => Task.FromResult(new[] { IPAddress.Loopback });
        });
        var page = await fetcher.FetchAsync($"http://intranet.test:{_server.Port}/article");
        Assert.Equal("The Lighthouse Keeper", page.Title);
        var e = await Assert.ThrowsAsync<FetchBlockedException>(() => fetcher.FetchAsync($"http://intranet.test:{_server.Port}/redirect-abs"));
        Assert.Contains("127.0.0.1", e.Message, StringComparison.Ordinal);
    }
}
