using Microsoft.Extensions.AI;

namespace Agents.Server.OpenAI;

/// <summary>Token counts reported in <c>usage</c>: the engine's own counts when it reports them
/// (<see cref="UsageContent"/> / <see cref="ChatResponse.Usage"/>), otherwise an estimate
/// (prompt: UTF-16 characters / 4; completion: one token per streamed text update).</summary>
public sealed class TokenUsage
{
    /// <summary>Prompt tokens.</summary>
    public long PromptTokens { get; private set; }

    /// <summary>Completion tokens.</summary>
    public long CompletionTokens { get; private set; }

    /// <summary>True once the engine reported its own counts.</summary>
    public bool Reported { get; private set; }

    /// <summary>Starts with the estimate for <paramref name="messages"/>.</summary>
    public static TokenUsage Estimate(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var chars = messages.Sum(m => (long)m.Text.Length + 4);
        return new TokenUsage { PromptTokens = Math.Max(1, (chars + 3) / 4) };
    }

    /// <summary>Counts one streamed update: engine usage wins over counting.</summary>
    public void Add(ChatResponseUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        foreach (var usage in update.Contents.OfType<UsageContent>())
        {
            Apply(usage.Details);
        }

        if (!Reported && !string.IsNullOrEmpty(update.Text))
        {
            CompletionTokens++;
        }
    }

    /// <summary>Uses the engine's counts where present.</summary>
    public void Apply(UsageDetails? details)
    {
        if (details is null)
        {
            return;
        }

        if (details.InputTokenCount is { } input)
        {
            PromptTokens = input;
        }

        if (details.OutputTokenCount is { } output)
        {
            CompletionTokens = output;
            Reported = true;
        }
    }

    /// <summary>Sets the completion count when it was not reported (non-streaming estimate).</summary>
    public void EstimateCompletion(string text)
    {
        if (!Reported)
        {
            CompletionTokens = string.IsNullOrEmpty(text) ? 0 : Math.Max(1, (text.Length + 3) / 4);
        }
    }
}
