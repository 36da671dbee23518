using Agents.Models.Engine;
using Agents.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Models.Tests.Engine;

public sealed class DependencyInjectionTests
{
    [Fact]
    public void AddLocalModel_MissingFile_RegistersWithoutLoading()
    {
        var services = new ServiceCollection();

        var builder = services.AddLocalModel("missing", o => o.ModelPath = "/nonexistent/model.gguf");

        Assert.NotNull(builder);
        Assert.Contains(services, d => d.IsKeyedService && Equals(d.ServiceKey, "missing") && d.ServiceType == typeof(IChatClient));
    }

    [Fact]
    public async Task AddLocalModel_KeyedClient_LoadsOnFirstUseAndComposes()
    {
        var services = new ServiceCollection();
        var calls = 0;
        services.AddLocalModel("stories", o =>
        {
            o.ModelPath = TestAssets.Stories260K;
            o.Threads = 1;
            o.ContextSize = 512;
        }).Use((messages, options, next, ct) =>
        {
            calls++;
            return next(messages, options, ct);
        });
        var provider = new KeyedProvider(services);

        var client = provider.GetRequiredKeyedService<IChatClient>("stories");
        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Once upon a time")], EngineTestModels.Greedy(8));

        Assert.Equal(1, calls);
        Assert.Equal(8, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task AddLocalModel_MissingFile_FirstRequestThrowsModelLoadException()
    {
        var services = new ServiceCollection();
        services.AddLocalModel("missing", o => o.ModelPath = "/nonexistent/model.gguf");
        var client = new KeyedProvider(services).GetRequiredKeyedService<IChatClient>("missing");

        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal("/nonexistent/model.gguf", ex.Path);
    }

    [Fact]
    public void AddLocalModel_NoPath_ThrowsAtRegistration()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddLocalModel("x", _ => { }));
    }

    /// <summary>A minimal keyed service provider over singleton descriptors (the test project carries only the DI abstractions).</summary>
    private sealed class KeyedProvider(IServiceCollection services) : IKeyedServiceProvider
    {
        private readonly Dictionary<(Type, object?), object> made = [];

        public object? GetService(Type serviceType) => GetKeyedService(serviceType, null);

        public object? GetKeyedService(Type serviceType, object? serviceKey)
        {
            if (made.TryGetValue((serviceType, serviceKey), out var existing))
            {
                return existing;
            }

            var descriptor = services.LastOrDefault(d => d.ServiceType == serviceType && Equals(d.ServiceKey, serviceKey));
            if (descriptor is null)
            {
                return null;
            }

            var instance = descriptor.IsKeyedService
                ? descriptor.KeyedImplementationInstance ?? descriptor.KeyedImplementationFactory!(this, serviceKey)
                : descriptor.ImplementationInstance ?? descriptor.ImplementationFactory!(this);
            made[(serviceType, serviceKey)] = instance;
            return instance;
        }

        public object GetRequiredKeyedService(Type serviceType, object? serviceKey)
            => GetKeyedService(serviceType, serviceKey) ?? throw new InvalidOperationException($"No service {serviceType} keyed {serviceKey}.");
    }
}
