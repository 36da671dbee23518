using Agents.Models.Remote;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers remote OpenAI-compatible models.</summary>
public static class RemoteModelServiceCollectionExtensions
{
    /// <summary>
    /// Registers a keyed singleton <see cref="IChatClient"/> named <paramref name="name"/> for a model served by one or
    /// more endpoints (round-robin with failover). Nothing connects at registration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The service key (resolve with <c>GetRequiredKeyedService&lt;IChatClient&gt;(name)</c>).</param>
    /// <param name="options">Endpoints, model, key and timeouts; validated and copied now.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddRemoteModel(this IServiceCollection services, string name, RemoteModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        copy.Validate();
        services.AddKeyedSingleton<IChatClient>(name, (sp, _) =>
            RemoteModels.Create(copy, sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(EndpointPoolChatClient).FullName!)));
        return services;
    }
}
