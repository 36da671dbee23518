using Agents.Core.Tools;

namespace Agents.Core.Recipes;

/// <summary>One tool a recipe allows, with its settings.</summary>
/// <param name="Name">The tool name (an <see cref="IAgentToolFactory.Name"/> or a registered function's name).</param>
/// <param name="Settings">The per-tool settings (file root, allowed hosts, limits…).</param>
public sealed record RecipeTool(string Name, ToolSettings Settings);
