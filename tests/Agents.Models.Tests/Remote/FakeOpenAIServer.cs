using System.Net;
using System.Text;
using System.Text.Json;
using Agents.Models.Tests.Store;

namespace Agents.Models.Tests.Remote;

/// <summary>A real HTTP server speaking the OpenAI chat completions wire format (JSON and SSE streaming).</summary>
internal sealed class FakeOpenAIServer : IDisposable
{
    private readonly LocalHttpServer _server;

    public FakeOpenAIServer(string name)
    {
        Name = name;
        _server = LocalHttpServer.Start(HandleAsync);
    }

    public string Name { get; }

    /// <summary>The base URL to give the client (with /v1).</summary>
    public Uri Endpoint => new(_server.BaseUri, "v1");

    /// <summary>Answer every request with this status code instead of a completion.</summary>
    public int? FailWithStatus { get; set; }

    /// <summary>Streaming: send this many content chunks, then drop the connection.</summary>
    public int? DropAfterChunks { get; set; }

    /// <summary>Wait this long before answering.</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests.ToArray();

    public string[] Chunks => [$"Hello ", "from ", Name];

    public void Dispose() => _server.Dispose();

    private async Task HandleAsync(HttpListenerContext context, int number)
    {
        var response = context.Response;
        if (context.Request.Url!.AbsolutePath != "/v1/chat/completions")
        {
            response.StatusCode = 404;
            return;
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        if (FailWithStatus is { } status)
        {
            response.StatusCode = status;
            await WriteAsync(response, "{\"error\":{\"message\":\"failing on purpose\",\"type\":\"server_error\"}}");
            return;
        }

        var request = _server.Requests.Last();
        using var body = JsonDocument.Parse(request.Body);
        var model = body.RootElement.GetProperty("model").GetString();
        var stream = body.RootElement.TryGetProperty("stream", out var s) && s.GetBoolean();
        response.ContentType = stream ? "text/event-stream" : "application/json";
        if (!stream)
        {
            var completion = new
            {
                id = "cmpl-1", @object = "chat.completion", created = 1, model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = string.Concat(Chunks) }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 3, completion_tokens = 3, total_tokens = 6 },
            };
            await WriteAsync(response, JsonSerializer.Serialize(completion));
            return;
        }

        if (DropAfterChunks is not null)
        {
            response.ContentLength64 = 1 << 20; // promise more than is sent, then drop the connection
        }
        else
        {
            response.SendChunked = true;
        }

        await SseAsync(response, Chunk(model, new { role = "assistant", content = "" }, null));
        for (var i = 0; i < Chunks.Length; i++)
        {
            if (DropAfterChunks == i)
            {
                await Task.Delay(50);
                response.Abort();
                return;
            }

            await SseAsync(response, Chunk(model, new { content = Chunks[i] }, null));
        }

        await SseAsync(response, Chunk(model, new { }, "stop"));
        await SseAsync(response, "[DONE]");
    }

    private static string Chunk(string? model, object delta, string? finish) => JsonSerializer.Serialize(new
    {
        id = "cmpl-1", @object = "chat.completion.chunk", created = 1, model,
        choices = new[] { new { index = 0, delta, finish_reason = finish } },
    });

    private static async Task SseAsync(HttpListenerResponse response, string data)
    {
        var bytes = Encoding.UTF8.GetBytes($"data: {data}\n\n");
        await response.OutputStream.WriteAsync(bytes);
        await response.OutputStream.FlushAsync();
    }

    private static async Task WriteAsync(HttpListenerResponse response, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }
}
