using Microsoft.Extensions.DependencyInjection;

namespace Agents.Cli.Commands.Agent;

/// <summary>
/// The services the agent commands (<c>run</c>, <c>recipe check</c>) use: tool factories, and — registered at
/// integration — the <c>IRecipeModelResolver</c> over the local engine and remote endpoints, and the memory.
/// </summary>
internal static class CliServices
{
    public static ServiceProvider Build(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddStandardTools();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
