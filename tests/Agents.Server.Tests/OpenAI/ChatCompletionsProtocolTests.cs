using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Agents.Server.Tests.Support;
using Microsoft.Extensions.AI;

namespace Agents.Server.Tests.OpenAI;

/// <summary>The wire format of /v1/chat/completions checked byte by byte with a plain HttpClient.</summary>
public sealed class ChatCompletionsProtocolTests
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Stream_WireFormat_OneIdRoleFirstFinishThenUsageThenDone()
    {
        var fake = new FakeChatClient("Hello", ",", " world");
        await using var server = await RunningServer.StartWithFakesAsync(fake);
        using var http = server.CreateHttpClient();
        using var response = await http.PostAsync("/v1/chat/completions", Body("""{"model":"fake","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}"""), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await Sse.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events.SkipLast(1).Select(Sse.Json).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.StartsWith("chatcmpl-", chunks[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        var withChoices = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0).ToList();
        Assert.Equal("assistant", withChoices[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.All(withChoices.Skip(1), c => Assert.False(c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("role", out _)));
        var text = string.Concat(withChoices.Select(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : ""));
        Assert.Equal("Hello, world", text);
        Assert.Equal("stop", withChoices[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var last = chunks[^1];
        Assert.Equal(0, last.GetProperty("choices").GetArrayLength());
        Assert.Equal(3, last.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(JsonValueKind.Null, chunks[0].GetProperty("usage").ValueKind);
    }

    [Fact]
    public async Task NonStream_MaxTokens_FinishReasonLengthAndUsage()
    {
        await using var server = await RunningServer.StartWithFakesAsync(new FakeChatClient());
        using var http = server.CreateHttpClient();
        using var response = await http.PostAsync("/v1/chat/completions", Body("""{"model":"fake","max_tokens":3,"messages":[{"role":"system","content":"be brief"},{"role":"user","content":"tell a story"}]}"""), CancellationToken.None);

        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        var choice = json.GetProperty("choices")[0];
        Assert.Equal("Once upon a", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(3, json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() + 3, json.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Request_OptionsAndToolsAndSchema_ReachTheChatClient()
    {
        var fake = new FakeChatClient();
        await using var server = await RunningServer.StartWithFakesAsync(fake);
        using var http = server.CreateHttpClient();
        const string request = """
            {"model":"fake","messages":[{"role":"developer","content":"sys"},{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"calc","arguments":"{\"x\":1}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"2"}],
             "temperature":0.5,"top_p":0.9,"seed":42,"stop":["\n\n","END"],"max_completion_tokens":7,
             "response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}}},
             "tools":[{"type":"function","function":{"name":"calc","description":"adds","parameters":{"type":"object","properties":{"x":{"type":"number"}}}}}],
             "tool_choice":"auto"}
            """;
        using var response = await http.PostAsync("/v1/chat/completions", Body(request), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var options = Assert.Single(fake.OptionsSeen)!;
        Assert.Equal(0.5f, options.Temperature);
        Assert.Equal(0.9f, options.TopP);
        Assert.Equal(42, options.Seed);
        Assert.Equal(7, options.MaxOutputTokens);
        Assert.Equal(["\n\n", "END"], options.StopSequences!);
        var format = Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Equal("answer", format.SchemaName);
        Assert.Equal("string", format.Schema!.Value.GetProperty("properties").GetProperty("a").GetProperty("type").GetString());
        var tool = Assert.IsAssignableFrom<AIFunctionDeclaration>(Assert.Single(options.Tools!));
        Assert.Equal("calc", tool.Name);
        Assert.Equal("number", tool.JsonSchema.GetProperty("properties").GetProperty("x").GetProperty("type").GetString());
        Assert.Equal(ChatToolMode.Auto, options.ToolMode);
        var messages = Assert.Single(fake.Calls);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool], messages.Select(m => m.Role).ToArray());
        Assert.Equal("ab", messages[1].Text);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(messages[2].Contents));
        Assert.Equal("calc", call.Name);
        Assert.Equal("call_1", Assert.IsType<FunctionResultContent>(Assert.Single(messages[3].Contents)).CallId);
    }

    [Theory]
    [InlineData("{not json", "invalid_json")]
    [InlineData("""{"model":"fake"}""", "missing_required_parameter")]
    [InlineData("""{"model":"nope","messages":[{"role":"user","content":"x"}]}""", "model_not_found")]
    [InlineData("""{"model":"fake","messages":[{"role":"wizard","content":"x"}]}""", "invalid_value")]
    [InlineData("""{"model":"fake","n":2,"messages":[{"role":"user","content":"x"}]}""", "invalid_value")]
    [InlineData("""{"model":"fake","temperature":7,"messages":[{"role":"user","content":"x"}]}""", "invalid_value")]
    public async Task BadRequest_Returns400InOpenAIShape(string body, string code)
    {
        var fake = new FakeChatClient();
        await using var server = await RunningServer.StartWithFakesAsync(fake);
        using var http = server.CreateHttpClient();
        using var response = await http.PostAsync("/v1/chat/completions", Body(body), CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Empty(fake.Calls);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ContextOverflow_Returns400BeforeAnyEvent(bool stream)
    {
        await using var server = await RunningServer.StartWithFakesAsync(new FakeChatClient());
        using var http = server.CreateHttpClient();
        using var response = await http.PostAsync("/v1/chat/completions", Body($$"""{"model":"fake","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"OVERFLOW"}]}"""), CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Body_ThreeMegabytes_Returns413()
    {
        await using var server = await RunningServer.StartWithFakesAsync(new FakeChatClient());
        using var http = server.CreateHttpClient();
        var big = new string('a', 3 * 1024 * 1024);
        using var response = await http.PostAsync("/v1/chat/completions", Body($$"""{"model":"fake","messages":[{"role":"user","content":"{{big}}"}]}"""), CancellationToken.None);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("request_too_large", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Body_ChunkedWithoutLength_Returns413()
    {
        await using var server = await RunningServer.StartWithFakesAsync(new FakeChatClient(), o => o.MaxRequestBodyBytes = 64 * 1024);
        using var http = server.CreateHttpClient();
        var big = Encoding.UTF8.GetBytes($$"""{"model":"fake","messages":[{"role":"user","content":"{{new string('a', 200_000)}}"}]}""");
        using var content = new StreamContent(new MemoryStream(big));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await http.SendAsync(request, CancellationToken.None);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Completions_TextCompletionObject_RawPromptMarked()
    {
        var fake = new FakeChatClient();
        await using var server = await RunningServer.StartWithFakesAsync(fake);
        using var http = server.CreateHttpClient();
        using var response = await http.PostAsync("/v1/completions", Body("""{"model":"fake","prompt":"Once","max_tokens":2}"""), CancellationToken.None);

        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("text_completion", json.GetProperty("object").GetString());
        Assert.Equal("Once upon", json.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal("length", json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(true, fake.OptionsSeen[0]!.AdditionalProperties![Agents.Server.OpenAI.ChatRequestParser.RawPromptKey]);
    }

    [Fact]
    public async Task Completions_Stream_TextPiecesThenDone()
    {
        await using var server = await RunningServer.StartWithFakesAsync(new FakeChatClient("a", "b", "c"));
        using var http = server.CreateHttpClient();
        using var response = await http.PostAsync("/v1/completions", Body("""{"model":"fake","prompt":"x","stream":true}"""), CancellationToken.None);

        var events = await Sse.ReadAllAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events.SkipLast(1).Select(Sse.Json).ToList();
        Assert.Equal("abc", string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString())));
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Embeddings_FloatAndBase64_SameVectors()
    {
        await using var server = await RunningServer.StartWithFakesAsync(new FakeChatClient());
        using var http = server.CreateHttpClient();
        using var asFloat = await http.PostAsJsonAsync("/v1/embeddings", new { model = "fake-embed", input = new[] { "alpha", "beta" } });
        using var asBase64 = await http.PostAsJsonAsync("/v1/embeddings", new { model = "fake-embed", input = "beta", encoding_format = "base64" });

        var list = JsonDocument.Parse(await asFloat.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Equal(2, list.GetProperty("data").GetArrayLength());
        var floats = list.GetProperty("data")[1].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.Equal(HashEmbeddingGenerator.Embed("beta"), floats);
        var b64 = JsonDocument.Parse(await asBase64.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0].GetProperty("embedding").GetString()!;
        var decoded = new float[HashEmbeddingGenerator.Dimensions];
        Buffer.BlockCopy(Convert.FromBase64String(b64), 0, decoded, 0, decoded.Length * 4);
        Assert.Equal(floats, decoded);
    }

    [Fact]
    public async Task Models_ListsChatAndEmbeddingModels()
    {
        await using var server = await RunningServer.StartWithFakesAsync(new FakeChatClient());
        using var http = server.CreateHttpClient();
        var json = JsonDocument.Parse(await http.GetStringAsync("/v1/models")).RootElement;

        Assert.Equal("list", json.GetProperty("object").GetString());
        var ids = json.GetProperty("data").EnumerateArray().Select(m => (m.GetProperty("id").GetString(), m.GetProperty("object").GetString(), m.GetProperty("agents_kind").GetString())).ToList();
        Assert.Equal([("fake", "model", "chat"), ("fake-embed", "model", "embedding")], ids);
    }
}
