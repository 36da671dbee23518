using Microsoft.Extensions.AI;

namespace Agents.Core.Tools;

/// <summary>A function shown under another name (Semantic Kernel plugin functions are named "plugin-function"; recipes may use the short name).</summary>
internal sealed class RenamedAIFunction(AIFunction inner, string name) : DelegatingAIFunction(inner)
{
    public override string Name => name;
}
