using Agents.Core.Loop;
using Agents.Server.Conversations;
using Agents.Server.Hosting;
using Agents.Server.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the server's services and the names it serves.</summary>
public static class AgentsServerServiceCollectionExtensions
{
    /// <summary>Adds the server's own services (options, concurrency gate, model registry, conversation store).</summary>
    public static IServiceCollection AddAgentsServer(this IServiceCollection services, AgentsServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton<ConcurrencyGate>();
        services.TryAddSingleton<ModelRegistry>();
        services.TryAddSingleton<ConversationStore>();
        return services;
    }

    /// <summary>Serves a chat model under <paramref name="name"/>: registers the keyed <see cref="IChatClient"/> and lists it.</summary>
    public static IServiceCollection AddServedChatModel(this IServiceCollection services, string name, Func<IServiceProvider, IChatClient> factory, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        services.AddKeyedSingleton<IChatClient>(name, (sp, _) => factory(sp));
        return services.AddServedModelName(name, ServedModelKind.Chat, description);
    }

    /// <summary>Serves an embedding model under <paramref name="name"/> for <c>/v1/embeddings</c>.</summary>
    public static IServiceCollection AddServedEmbeddingModel(this IServiceCollection services, string name, Func<IServiceProvider, IEmbeddingGenerator<string, Embedding<float>>> factory, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        services.AddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(name, (sp, _) => factory(sp));
        return services.AddServedModelName(name, ServedModelKind.Embedding, description);
    }

    /// <summary>Serves an agent under <paramref name="name"/> for <c>POST /v1/agents/{name}/runs</c>
    /// (one runner serves every run: the loop keeps no conversation state between runs).</summary>
    public static IServiceCollection AddServedAgent(this IServiceCollection services, string name, Func<IServiceProvider, AgentRunner> factory, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        services.AddKeyedSingleton(name, (sp, _) => factory(sp));
        return services.AddServedModelName(name, ServedModelKind.Agent, description);
    }

    /// <summary>Lists a name whose keyed service was registered elsewhere (for example by <c>AddLocalModel</c>).</summary>
    public static IServiceCollection AddServedModelName(this IServiceCollection services, string name, ServedModelKind kind, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddSingleton(new ServedModel(name, kind, description));
        return services;
    }
}
