using System.Globalization;
using Agents.Core.Memory;
using Agents.Core.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Agents.Memory.Tools;

/// <summary>
/// Makes the <c>recall</c> tool over the registered <see cref="IAgentMemory"/>. Settings: <c>max_top_k</c>
/// (default 10), <c>min_score</c> (cosine, default 0), <c>max_chars_per_hit</c> (default 1000).
/// </summary>
public sealed class RecallToolFactory : IAgentToolFactory
{
    /// <inheritdoc />
    public string Name => MemoryTools.RecallName;

    /// <inheritdoc />
    public AIFunction Create(ToolSettings settings, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        var memory = services.GetRequiredService<IAgentMemory>();
        var maxTopK = settings.GetInt64("max_top_k", 10);
        var maxChars = settings.GetInt64("max_chars_per_hit", 1000);
        var minScoreText = settings.GetString("min_score", "0")!;
        if (!double.TryParse(minScoreText, NumberStyles.Float, CultureInfo.InvariantCulture, out var minScore) || minScore is < -1 or > 1)
        {
            throw new ArgumentException($"recall: min_score must be a number between -1 and 1 (was '{minScoreText}').", nameof(settings));
        }

        if (maxTopK is < 1 or > 1000)
        {
            throw new ArgumentException($"recall: max_top_k must be between 1 and 1000 (was {maxTopK}).", nameof(settings));
        }

        if (maxChars is < 16 or > 1_000_000)
        {
            throw new ArgumentException($"recall: max_chars_per_hit must be between 16 and 1000000 (was {maxChars}).", nameof(settings));
        }

        return MemoryTools.CreateRecall(memory, (int)maxTopK, minScore, (int)maxChars);
    }
}
