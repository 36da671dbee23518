using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Agents.Server.Hosting;
using Agents.Server.Tests.Support;
using Agents.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Server.Tests.Engine;

/// <summary>The server on the real engine: stories260K (a real tiny llama GGUF) loaded through AddLocalModel.</summary>
public sealed class RealEngineServerTests
{
    private static Task<RunningServer> StartAsync() => RunningServer.StartAsync(services =>
    {
        var path = TestAssets.Stories260K;
        services.AddLocalModel("stories", o =>
        {
            o.ModelPath = path;
            o.Threads = 1;
            o.ContextSize = 256;
            o.MaxParallelConversations = 4;
        });
        services.AddServedModelName("stories", ServedModelKind.Chat);
    });

    private static object Request(bool stream, string content = "Once upon a time", int maxTokens = 24) => new
    {
        model = "stories",
        stream,
        temperature = 0,
        max_tokens = maxTokens,
        messages = new[] { new { role = "user", content } },
    };

    private static async Task<string> StreamTextAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/v1/chat/completions", Request(stream: true));
        var text = new StringBuilder();
        foreach (var data in (await Sse.ReadAllAsync(response)).Where(d => d != "[DONE]"))
        {
            var choices = Sse.Json(data).GetProperty("choices");
            if (choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var piece))
            {
                text.Append(piece.GetString());
            }
        }

        return text.ToString();
    }

    [Fact]
    public async Task Greedy_StreamEqualsNonStream_FourConcurrentStreamsAgree()
    {
        await using var server = await StartAsync();
        using var http = server.CreateHttpClient();

        using var whole = await http.PostAsJsonAsync("/v1/chat/completions", Request(stream: false));
        var json = JsonDocument.Parse(await whole.Content.ReadAsStringAsync()).RootElement;
        var text = json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        var streamed = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => StreamTextAsync(http)));

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.StartsWith(", there was a little girl named Lily", text, StringComparison.Ordinal);
        Assert.Equal("length", json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(24, json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.All(streamed, s => Assert.Equal(text, s));
    }

    [Fact]
    public async Task PromptPastContext_Returns400ContextLengthExceeded_BeforeAnyEvent()
    {
        await using var server = await StartAsync();
        using var http = server.CreateHttpClient();
        var longPrompt = string.Join(' ', Enumerable.Repeat("Once upon a time there was a little girl.", 200));

        using var response = await http.PostAsJsonAsync("/v1/chat/completions", Request(stream: true, content: longPrompt));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("context_length_exceeded", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
