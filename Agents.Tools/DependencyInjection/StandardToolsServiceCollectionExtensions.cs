using Agents.Core.Tools;
using Agents.Tools.Calculator;
using Agents.Tools.Files;
using Agents.Tools.Web;
using Agents.Tools.Web.Search;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the standard tools' factories so recipes can name them.</summary>
public static class StandardToolsServiceCollectionExtensions
{
    /// <summary>
    /// Adds an <see cref="IAgentToolFactory"/> for each standard tool: <c>calculator</c>, <c>read_file</c>,
    /// <c>write_file</c>, <c>list_files</c>, <c>delete_file</c>, <c>search_files</c>, <c>web_search</c> and
    /// <c>fetch_page</c>. Nothing is created until a recipe asks for a tool.
    /// </summary>
    public static IServiceCollection AddStandardTools(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentToolFactory, CalculatorToolFactory>());
        foreach (var name in FileStoreTool.ToolNames)
        {
            if (!services.Any(d => d.ServiceType == typeof(IAgentToolFactory) && d.ImplementationInstance is FileToolFactory f && f.Name == name))
            {
                services.AddSingleton<IAgentToolFactory>(new FileToolFactory(name));
            }
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentToolFactory, WebSearchToolFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentToolFactory, FetchPageToolFactory>());
        return services;
    }
}
