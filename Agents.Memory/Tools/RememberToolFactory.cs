using Agents.Core.Memory;
using Agents.Core.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Memory.Tools;

/// <summary>
/// Makes the <c>remember</c> tool over the registered <see cref="IAgentMemory"/>. Settings: <c>source</c> (default
/// <c>agent</c>), <c>tags</c> (list), <c>max_chars</c> (default 4000).
/// </summary>
public sealed class RememberToolFactory : IAgentToolFactory
{
    /// <inheritdoc />
    public string Name => MemoryTools.RememberName;

    /// <inheritdoc />
    public AIFunction Create(ToolSettings settings, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        var memory = services.GetRequiredService<IAgentMemory>();
        var maxChars = settings.GetInt64("max_chars", 4000);
        if (maxChars is < 1 or > int.MaxValue)
        {
            throw new ArgumentException($"remember: max_chars must be between 1 and {int.MaxValue} (was {maxChars}).", nameof(settings));
        }

        return MemoryTools.CreateRemember(memory, settings.GetString("source", "agent")!, settings.GetList("tags"), (int)maxChars);
    }
}
