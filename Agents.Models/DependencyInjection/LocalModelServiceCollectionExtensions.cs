using Agents.Models.Engine;
using Microsoft.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers local GGUF models as keyed chat clients.</summary>
public static class LocalModelServiceCollectionExtensions
{
    /// <summary>
    /// Registers a keyed singleton <see cref="IChatClient"/> named <paramref name="name"/> for a local GGUF model.
    /// Nothing is loaded here: the model loads on the first request (once per process and options).
    /// Add middleware to the returned builder, e.g. <c>.UseFunctionInvocation()</c> or <c>.UseLogging()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The service key (resolve with <c>GetRequiredKeyedService&lt;IChatClient&gt;(name)</c>).</param>
    /// <param name="configure">Sets the model path and load options; run and validated now.</param>
    /// <returns>The builder of the keyed chat client pipeline.</returns>
    public static ChatClientBuilder AddLocalModel(this IServiceCollection services, string name, Action<LocalModelOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new LocalModelOptions();
        configure(options);
        options.Validate();
        services.AddKeyedSingleton(name, options);
        return services.AddKeyedChatClient(name, sp => new LocalChatClient(sp.GetRequiredKeyedService<LocalModelOptions>(name)));
    }
}
