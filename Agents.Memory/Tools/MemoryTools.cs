using System.ComponentModel;
using System.Globalization;
using System.Text;
using Agents.Core.Memory;
using Microsoft.Extensions.AI;

namespace Agents.Memory.Tools;

/// <summary>The <c>remember {text}</c> and <c>recall {query, top_k}</c> tools as <see cref="AIFunction"/>s over an <see cref="IAgentMemory"/>.</summary>
public static class MemoryTools
{
    /// <summary>Name of the remember tool.</summary>
    public const string RememberName = "remember";

    /// <summary>Name of the recall tool.</summary>
    public const string RecallName = "recall";

    /// <summary>A tool that stores a text in memory and answers with a confirmation.</summary>
    public static AIFunction CreateRemember(IAgentMemory memory, string source = "agent", IReadOnlyList<string>? tags = null, int maxChars = 4000)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        return AIFunctionFactory.Create(
            async ([Description("The fact or note to remember, as plain text.")] string text, CancellationToken cancellationToken) =>
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    return "Error: remember needs a non-empty text.";
                }

                if (text.Length > maxChars)
                {
                    return $"Error: the text has {text.Length} characters; remember accepts at most {maxChars}. Store a shorter summary.";
                }

                var id = await memory.WriteAsync(new MemoryEntry(text.Trim(), source, tags), cancellationToken).ConfigureAwait(false);
                return $"Remembered (id {id[..Math.Min(12, id.Length)]}).";
            },
            RememberName,
            "Stores a piece of text in long-term memory so it can be recalled later.");
    }

    /// <summary>A tool that searches memory and answers with numbered hits, best first.</summary>
    public static AIFunction CreateRecall(IAgentMemory memory, int maxTopK = 10, double minScore = 0.0, int maxCharsPerHit = 1000)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTopK, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharsPerHit, 16);
        return AIFunctionFactory.Create(
            async ([Description("What to look for.")] string query, [Description("How many results (1 to the configured maximum).")] int top_k, CancellationToken cancellationToken) =>
            {
                if (string.IsNullOrWhiteSpace(query))
                {
                    return "Error: recall needs a non-empty query.";
                }

                var k = Math.Clamp(top_k <= 0 ? 3 : top_k, 1, maxTopK);
                var hits = await memory.SearchAsync(query, k, minScore, cancellationToken).ConfigureAwait(false);
                return Format(hits, maxCharsPerHit);
            },
            RecallName,
            "Searches long-term memory for the texts most relevant to a query.");
    }

    /// <summary>Formats hits as the recall tool answers them.</summary>
    public static string Format(IReadOnlyList<MemoryHit> hits, int maxCharsPerHit = 1000)
    {
        ArgumentNullException.ThrowIfNull(hits);
        if (hits.Count == 0)
        {
            return "No memories found.";
        }

        var sb = new StringBuilder();
        for (var i = 0; i < hits.Count; i++)
        {
            var h = hits[i];
            var text = h.Entry.Text.Length > maxCharsPerHit ? h.Entry.Text[..maxCharsPerHit] + "…" : h.Entry.Text;
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1}. (score {h.Score:0.000}");
            if (h.Entry.Source is { } src)
            {
                sb.Append(CultureInfo.InvariantCulture, $", source {src}");
            }

            sb.Append(") ").AppendLine(text);
        }

        return sb.ToString().TrimEnd();
    }
}
