using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Agents.Server.Tests.Support;

/// <summary>Headless Debian Chromium driven by Playwright, with every request off the test server aborted and recorded.
/// No DNS at all (host-resolver-rules), so nothing can leave the machine even by mistake.</summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
    }

    public IBrowserContext Context { get; }

    /// <summary>URLs of requests that tried to leave the test server (all aborted).</summary>
    public ConcurrentQueue<string> ForeignRequests { get; } = new();

    public static async Task<Browser> LaunchAsync(string baseUrl)
    {
        var chromium = ExternalTool.Require("chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 800 } });
        var session = new Browser(playwright, browser, context);
        await context.RouteAsync(url => !url.StartsWith(baseUrl, StringComparison.Ordinal), route =>
        {
            session.ForeignRequests.Enqueue(route.Request.Url);
            return route.AbortAsync();
        });
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
