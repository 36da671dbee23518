using Agents.Core.Memory;
using Agents.Core.Tools;
using Agents.Memory;
using Agents.Memory.Embeddings;
using Agents.Memory.Storage;
using Agents.Memory.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the agent memory (embeddings + vector store) and its tools.</summary>
public static class MemoryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAgentMemory"/> as a <see cref="VectorAgentMemory"/> over the all-MiniLM-L6-v2 generator
    /// (<see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>) and a SQLite store at <see cref="AgentMemoryOptions.StorePath"/>
    /// (in memory when null). Nothing is loaded here: the model loads when first resolved. An
    /// <see cref="IVectorIndex"/> or embedding generator registered before this call is kept (e.g. a <see cref="PgVectorIndex"/>).
    /// </summary>
    public static IServiceCollection AddAgentMemory(this IServiceCollection services, Action<AgentMemoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new AgentMemoryOptions();
        configure?.Invoke(options);
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => new MiniLmEmbeddingGenerator(sp.GetRequiredService<AgentMemoryOptions>().Embedding));
        services.TryAddSingleton<IVectorIndex>(sp =>
        {
            var path = sp.GetRequiredService<AgentMemoryOptions>().StorePath;
            return path is null ? new InMemoryVectorIndex() : SqliteVectorIndex.Open(path);
        });
        services.TryAddSingleton<IAgentMemory>(sp => new VectorAgentMemory(
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetRequiredService<IVectorIndex>(),
            sp.GetRequiredService<AgentMemoryOptions>()));
        return services;
    }

    /// <summary>Registers the <c>remember</c> and <c>recall</c> tool factories (<see cref="IAgentToolFactory"/>); they need an <see cref="IAgentMemory"/>.</summary>
    public static IServiceCollection AddMemoryTools(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentToolFactory, RememberToolFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentToolFactory, RecallToolFactory>());
        return services;
    }
}
