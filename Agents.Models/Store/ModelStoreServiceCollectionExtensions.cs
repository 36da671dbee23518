using Agents.Models.Store;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the model store.</summary>
public static class ModelStoreServiceCollectionExtensions
{
    /// <summary>Registers a singleton <see cref="ModelStore"/> and <see cref="ModelResolver"/>; nothing is downloaded at registration.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the store options.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddModelStore(this IServiceCollection services, Action<ModelStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ModelStoreOptions();
        configure?.Invoke(options);
        options.Validate();
        services.AddSingleton(_ => new ModelStore(options));
        services.AddSingleton(sp => new ModelResolver(sp.GetRequiredService<ModelStore>()));
        return services;
    }
}
