using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Agents.Models.Remote;

/// <summary>Creates an <see cref="IChatClient"/> for one OpenAI-compatible endpoint through Microsoft.Extensions.AI.OpenAI.</summary>
public static class RemoteChatClient
{
    /// <summary>Creates a client for one endpoint. The OpenAI library's own retries are off: failover is the pool's job.</summary>
    /// <param name="endpoint">Base URL, e.g. <c>http://localhost:8080/v1</c>; a URL with no path gets <c>/v1</c>.</param>
    /// <param name="model">The model name the endpoint serves.</param>
    /// <param name="apiKey">Bearer key, or null for servers without one.</param>
    /// <param name="connectTimeout">Time allowed to open a connection; 10 s when null.</param>
    /// <param name="networkTimeout">Longest wait for the response or between two streamed chunks; 5 min when null.</param>
    public static IChatClient Create(Uri endpoint, string model, string? apiKey = null, TimeSpan? connectTimeout = null, TimeSpan? networkTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = NormalizeEndpoint(endpoint),
            NetworkTimeout = networkTimeout ?? TimeSpan.FromMinutes(5),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(http),
        };

        // OpenAI's client requires a key; servers without one ignore the placeholder.
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "no-key" : apiKey);
        var chat = new OpenAIClient(credential, clientOptions).GetChatClient(model).AsIChatClient();
        return new OwningChatClient(chat, http);
    }

    /// <summary>Adds <c>/v1</c> to a URL that has no path (llama-server, vLLM, Ollama and LocalAI all serve there).</summary>
    /// <param name="endpoint">The base URL as given.</param>
    public static Uri NormalizeEndpoint(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.AbsolutePath is "" or "/" ? new Uri(endpoint, "/v1") : endpoint;
    }

    private sealed class OwningChatClient(IChatClient inner, HttpClient http) : DelegatingChatClient(inner)
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                http.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
