using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Agents.Models.Remote;

/// <summary>Entry points for remote OpenAI-compatible models (one endpoint or a round-robin, failover pool).</summary>
public static class RemoteModels
{
    /// <summary>Creates a chat client for a model served by one or more endpoints (what <c>--endpoint URL</c> builds).</summary>
    /// <param name="endpoints">Base URLs of the endpoints.</param>
    /// <param name="model">The model name they serve.</param>
    /// <param name="apiKey">Bearer key, or null.</param>
    public static IChatClient CreateChatClient(IEnumerable<Uri> endpoints, string model, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = new RemoteModelOptions { Model = model, ApiKey = apiKey };
        foreach (var endpoint in endpoints)
        {
            options.Endpoints.Add(endpoint);
        }

        return Create(options);
    }

    /// <summary>Creates a round-robin, failover <see cref="EndpointPoolChatClient"/> over the endpoints of <paramref name="options"/>.</summary>
    /// <param name="options">Endpoints, model, key and timeouts; validated and copied.</param>
    /// <param name="logger">Receives failover warnings (never keys or prompts).</param>
    public static IChatClient Create(RemoteModelOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = options.Clone();
        options.Validate();
        var clients = options.Endpoints
            .Select(uri => RemoteChatClient.Create(uri, options.Model, options.ApiKey, options.ConnectTimeout, options.ResponseTimeout))
            .ToList();
        return new EndpointPoolChatClient(clients, new EndpointPoolOptions
        {
            FirstTokenTimeout = options.FirstTokenTimeout,
            ResponseTimeout = options.ResponseTimeout,
            CoolOff = options.CoolOff,
        }, logger);
    }
}
