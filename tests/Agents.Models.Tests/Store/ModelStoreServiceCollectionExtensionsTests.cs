using Agents.Models.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Models.Tests.Store;

public sealed class ModelStoreServiceCollectionExtensionsTests
{
    [Fact]
    public void AddModelStore_RegistersSingletonsWithConfiguredCacheWithoutCreatingIt()
    {
        using var dir = new TempDirectory();
        var cache = Path.Combine(dir.Path, "cache");
        var services = new ServiceCollection();

        services.AddModelStore(o => o.CacheDirectory = cache);

        Assert.All(services, d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
        Assert.Equal([typeof(ModelStore), typeof(ModelResolver)], services.Select(d => d.ServiceType));
        Assert.False(Directory.Exists(cache));
        using var store = (ModelStore)services[0].ImplementationFactory!(new NoServices());
        Assert.Equal(cache, store.CacheDirectory);
    }

    [Fact]
    public void AddModelStore_InvalidLimit_ThrowsAtRegistration()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddModelStore(o => o.MaxDownloadBytes = 0));
    }

    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
