using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Agents.Server.Tests.Support;
using Agents.Server.Web;

namespace Agents.Server.Tests.OpenAI;

/// <summary>Keys, limits, concurrency, disconnects, time limits and the page's headers.</summary>
public sealed class ServingTests
{
    private static object Chat(bool stream = false, string content = "hi") => new { model = "fake", stream, messages = new[] { new { role = "user", content } } };

    [Fact]
    public async Task ApiKey_MissingOrWrong_Returns401_PublicEndpointsStayOpen()
    {
        await using var server = await RunningServer.StartWithFakesAsync(new FakeChatClient(), o => o.ApiKey = "sekret");
        using var anonymous = server.CreateHttpClient();
        using var wrong = server.CreateHttpClient("nope");
        using var right = server.CreateHttpClient("sekret");

        using var missing = await anonymous.PostAsJsonAsync("/v1/chat/completions", Chat());
        using var bad = await wrong.PostAsJsonAsync("/v1/chat/completions", Chat());
        using var conversations = await anonymous.GetAsync("/api/conversations");
        using var ok = await right.PostAsJsonAsync("/v1/chat/completions", Chat());

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, conversations.StatusCode);
        Assert.Equal("invalid_api_key", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/v1/models")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Page_ServedWithStrictCspAndNosniff()
    {
        await using var server = await RunningServer.StartWithFakesAsync(new FakeChatClient());
        using var http = server.CreateHttpClient();
        foreach (var path in new[] { "/", "/app.js", "/markdown.js", "/app.css" })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(WebPage.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        var html = await http.GetStringAsync("/");
        Assert.Contains("<script src=\"/app.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streams_RunConcurrently_NotOneAfterAnother()
    {
        var fake = new FakeChatClient { RendezvousCount = 3, TokenDelay = TimeSpan.FromMilliseconds(5) };
        await using var server = await RunningServer.StartWithFakesAsync(fake);
        using var http = server.CreateHttpClient();

        var tasks = Enumerable.Range(0, 3).Select(async _ =>
        {
            using var response = await http.PostAsJsonAsync("/v1/chat/completions", Chat(stream: true));
            return (await Sse.ReadAllAsync(response))[^1];
        });
        var last = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(last, l => Assert.Equal("[DONE]", l));
        Assert.Equal(3, fake.MaxActive);
    }

    [Fact]
    public async Task PastConcurrencyLimit_Returns429WithRetryAfter()
    {
        var fake = new FakeChatClient { TokenDelay = TimeSpan.FromMilliseconds(200) };
        await using var server = await RunningServer.StartWithFakesAsync(fake, o => { o.MaxConcurrency = 1; o.RetryAfterSeconds = 2; });
        using var http = server.CreateHttpClient();
        using var first = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(Chat(stream: true)) }, HttpCompletionOption.ResponseHeadersRead);

        using var second = await http.PostAsJsonAsync("/v1/chat/completions", Chat());

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), second.Headers.RetryAfter?.Delta);
        Assert.Equal("rate_limit_exceeded", JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ClientDisconnect_CancelsGeneration_AndFreesTheSlot()
    {
        var tokens = Enumerable.Range(0, 500).Select(i => $" t{i}").ToArray();
        var fake = new FakeChatClient(tokens) { TokenDelay = TimeSpan.FromMilliseconds(20) };
        await using var server = await RunningServer.StartWithFakesAsync(fake, o => o.MaxConcurrency = 1);
        using var http = server.CreateHttpClient();
        using (var cts = new CancellationTokenSource())
        {
            using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(Chat(stream: true)) }, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var seen = 0;
            await foreach (var _ in Sse.ReadDataAsync(response))
            {
                if (++seen == 5)
                {
                    break;
                }
            }
        }

        await fake.CancellationSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(fake.TokensProduced[0] < tokens.Length, $"generation went on to {fake.TokensProduced[0]} tokens");
        var health = JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement;
        for (var i = 0; i < 50 && health.GetProperty("active").GetInt32() != 0; i++)
        {
            await Task.Delay(100);
            health = JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement;
        }

        Assert.Equal(0, health.GetProperty("active").GetInt32());
        using var next = await http.PostAsJsonAsync("/v1/chat/completions", Chat());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task RequestTimeout_NonStream504_StreamEndsWithErrorEvent()
    {
        var fake = new FakeChatClient(Enumerable.Range(0, 200).Select(i => " x").ToArray()) { TokenDelay = TimeSpan.FromMilliseconds(20) };
        await using var server = await RunningServer.StartWithFakesAsync(fake, o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));
        using var http = server.CreateHttpClient();

        using var plain = await http.PostAsJsonAsync("/v1/chat/completions", Chat());
        using var streamed = await http.PostAsJsonAsync("/v1/chat/completions", Chat(stream: true));
        var events = await Sse.ReadAllAsync(streamed);

        Assert.Equal(HttpStatusCode.GatewayTimeout, plain.StatusCode);
        Assert.Equal("timeout", JsonDocument.Parse(await plain.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("timeout", Sse.Json(events[^1]).GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("[DONE]", events);
    }

    [Fact]
    public async Task Shutdown_CancelsRunningStream()
    {
        var fake = new FakeChatClient(Enumerable.Range(0, 1000).Select(i => " x").ToArray()) { TokenDelay = TimeSpan.FromMilliseconds(20) };
        var server = await RunningServer.StartWithFakesAsync(fake);
        using var http = server.CreateHttpClient();
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(Chat(stream: true)) }, HttpCompletionOption.ResponseHeadersRead);
        var reading = Sse.ReadAllAsync(response);

        await server.DisposeAsync();

        var events = await reading.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("server_shutting_down", Sse.Json(events[^1]).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(1, fake.Cancelled);
    }
}
