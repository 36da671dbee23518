using Microsoft.Extensions.AI;

namespace Agents.Core.Tools;

/// <summary>
/// Makes the tool named <see cref="Name"/> for one agent, from the recipe's per-tool settings
/// (file root, allowed hosts, limits). Register implementations in DI; recipes find tools through them.
/// </summary>
public interface IAgentToolFactory
{
    /// <summary>The tool's name as recipes and models write it (e.g. <c>calculator</c>).</summary>
    string Name { get; }

    /// <summary>Creates the tool. <paramref name="settings"/> holds the recipe's settings for this tool.</summary>
    AIFunction Create(ToolSettings settings, IServiceProvider services);
}
