using System.Net.Http.Json;
using System.Text.Json;
using Agents.Server.Tests.Support;
using Microsoft.Playwright;

namespace Agents.Server.Tests.Web;

/// <summary>The page in headless Chromium: streaming shows up in steps, stop cancels generation, hostile output stays inert.</summary>
public sealed class ChatPageBrowserTests
{
    // Records every distinct text of the newest assistant message, from inside the page (polling from the test misses steps).
    private const string RecordSteps = """
        () => {
          window.__steps = [];
          const target = document.getElementById('messages');
          new MutationObserver(() => {
            const all = target.querySelectorAll('.message.assistant .content');
            if (!all.length) return;
            const text = all[all.length - 1].textContent;
            if (window.__steps[window.__steps.length - 1] !== text) window.__steps.push(text);
          }).observe(target, { childList: true, subtree: true, characterData: true });
        }
        """;

    private static string ScreenshotPath(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    private static async Task<IPage> OpenAsync(Browser browser, RunningServer server, List<string> pageErrors)
    {
        var page = await browser.Context.NewPageAsync();
        page.PageError += (_, error) => pageErrors.Add(error);
        await page.GotoAsync(server.BaseUrl + "/");
        await page.WaitForSelectorAsync("body[data-ready='true']");
        await page.EvaluateAsync(RecordSteps);
        return page;
    }

    [Fact]
    public async Task SendPrompt_AnswerGrowsInSteps_StopCancelsGeneration()
    {
        var tokens = Enumerable.Range(0, 400).Select(i => i == 0 ? "Once" : $" word{i}").ToArray();
        var fake = new FakeChatClient(tokens) { TokenDelay = TimeSpan.FromMilliseconds(25) };
        await using var server = await RunningServer.StartWithFakesAsync(fake);
        await using var browser = await Browser.LaunchAsync(server.BaseUrl);
        var errors = new List<string>();
        var page = await OpenAsync(browser, server, errors);

        await page.FillAsync("#prompt", "Tell me a long story");
        await page.ClickAsync("#send");
        await page.WaitForFunctionAsync("() => new Set(window.__steps.filter(t => t.length > 0)).size >= 3", null, new() { Timeout = 30_000 });
        Assert.Equal(0, await page.Locator(".message.assistant[data-done='true']").CountAsync());
        await page.ClickAsync("#stop");
        await page.WaitForSelectorAsync(".message.assistant[data-done='true']", new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("chat-stopped.png"), FullPage = true });

        var steps = await page.EvaluateAsync<string[]>("() => window.__steps");
        var grown = steps.Where(s => s.Length > 0).ToList();
        Assert.True(grown.Count >= 3, $"only {grown.Count} DOM steps");
        for (var i = 1; i < grown.Count; i++)
        {
            Assert.StartsWith(grown[i - 1].TrimEnd(), grown[i], StringComparison.Ordinal);
        }

        Assert.Contains("stopped", await page.Locator(".message.assistant .footer").InnerTextAsync(), StringComparison.Ordinal);
        await fake.CancellationSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(fake.TokensProduced[0] < tokens.Length);
        Assert.True(new FileInfo(ScreenshotPath("chat-stopped.png")).Length > 1000);
        Assert.Empty(errors);
        Assert.Empty(browser.ForeignRequests);

        using var http = server.CreateHttpClient();
        var saved = JsonDocument.Parse(await http.GetStringAsync("/api/conversations")).RootElement;
        Assert.Equal("Tell me a long story", Assert.Single(saved.EnumerateArray()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task FinishedAnswer_ShownCompletely_RegenerateReplacesIt_ConversationReopens()
    {
        var fake = new FakeChatClient("Here is ", "`code`", " and a block:\n\n", "```csharp\nvar x = 1; // one\n```\n", "Done.");
        await using var server = await RunningServer.StartWithFakesAsync(fake);
        await using var browser = await Browser.LaunchAsync(server.BaseUrl);
        var errors = new List<string>();
        var page = await OpenAsync(browser, server, errors);

        await page.FillAsync("#prompt", "show code");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".message.assistant[data-done='true']");

        var content = page.Locator(".message.assistant .content").Last;
        Assert.Equal("Here is code and a block:var x = 1; // oneDone.", (await content.TextContentAsync())!.Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal("var", await content.Locator("pre code .tok-kw").First.TextContentAsync());
        Assert.Equal("// one", await content.Locator("pre code .tok-com").TextContentAsync());

        fake.Tokens = ["Second", " answer."];
        await page.ClickAsync("#regenerate");
        await page.WaitForFunctionAsync("() => { const m = document.querySelectorAll('.message.assistant'); return m.length === 1 && m[0].dataset.done === 'true' && m[0].textContent.includes('Second answer.'); }");
        Assert.Equal(2, fake.Calls.Count);
        Assert.Single(fake.Calls[1]);

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#conversations li button.open");
        await page.ClickAsync("#conversations li button.open");
        await page.WaitForSelectorAsync(".message.assistant");
        Assert.Contains("Second answer.", await page.Locator(".message.assistant .content").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task HostileModelOutput_RendersAsInertText_NoForeignRequest()
    {
        const string hostile = """
            Hi <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> <iframe src="http://evil.example/frame"></iframe>

            [click me](javascript:window.__pwned=3) [data](data:text/html,<script>alert(1)</script>) ![cat](http://evil.example/cat.png)

            **safe** [docs](https://example.org/page) <a href="http://evil.example/" onclick="window.__pwned=4">raw</a>
            """;
        var fake = new FakeChatClient([hostile]);
        await using var server = await RunningServer.StartWithFakesAsync(fake);
        await using var browser = await Browser.LaunchAsync(server.BaseUrl);
        var page = await OpenAsync(browser, server, []);
        var blockedByCsp = new List<string>();
        page.RequestFailed += (_, request) =>
        {
            if (request.Url.Contains("evil.example", StringComparison.Ordinal) && (request.Failure ?? "").Contains("csp", StringComparison.OrdinalIgnoreCase))
            {
                blockedByCsp.Add(request.Url);
            }
        };

        await page.FillAsync("#prompt", "be evil");
        await page.ClickAsync("#send");
        await page.WaitForSelectorAsync(".message.assistant[data-done='true']");

        var content = page.Locator(".message.assistant .content");
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        Assert.Equal(0, await content.Locator("script, img, iframe, [onerror], [onclick]").CountAsync());
        Assert.Contains("<script>window.__pwned = 1</script>", await content.TextContentAsync(), StringComparison.Ordinal);
        var hrefs = await content.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.All(hrefs, h => Assert.Matches("^https?://", h));
        Assert.Contains("https://example.org/page", hrefs);
        Assert.Contains("http://evil.example/cat.png", hrefs);
        Assert.Equal("noopener noreferrer nofollow", await content.Locator("a[href='https://example.org/page']").GetAttributeAsync("rel"));
        Assert.Equal("[image: cat]", await content.Locator("a.image-link").TextContentAsync());

        // A second line of defence: even markup injected behind the renderer's back cannot load a foreign image.
        await page.EvaluateAsync("() => { const i = document.createElement('img'); i.src = 'http://evil.example/injected.png'; document.body.appendChild(i); }");
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("chat-hostile.png"), FullPage = true });

        Assert.DoesNotContain(browser.ForeignRequests, u => u.Contains("evil.example", StringComparison.Ordinal));
        Assert.Contains(blockedByCsp, u => u.EndsWith("injected.png", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AgentRecipe_StepsCollapsed_FinalAnswerShown()
    {
        var model = new Agents.TestSupport.ScriptedChatClient("Thought: I should shout.\nAction: echo\nAction Input: hello\n", "Thought: done\nFinal Answer: You said **HELLO**.");
        await using var server = await AgentRuns.AgentRunEndpointTests.StartAsync(model);
        await using var browser = await Browser.LaunchAsync(server.BaseUrl);
        var errors = new List<string>();
        var page = await OpenAsync(browser, server, errors);

        await page.SelectOptionAsync("#model", "shouter");
        await page.FillAsync("#prompt", "shout hello");
        await page.ClickAsync("#send");
        await page.WaitForSelectorAsync(".message.assistant[data-done='true']");

        var message = page.Locator(".message.assistant");
        Assert.Equal("HELLO", await message.Locator(".content strong").TextContentAsync());
        var steps = message.Locator("details.step");
        Assert.True(await steps.CountAsync() >= 3);
        Assert.Equal(0, await message.Locator("details.step[open]").CountAsync());
        Assert.Equal("tool_result: echo", await message.Locator("details.step-tool_result summary").TextContentAsync());
        Assert.Equal("HELLO", await message.Locator("details.step-tool_result pre").TextContentAsync());
        Assert.Empty(errors);
    }
}
