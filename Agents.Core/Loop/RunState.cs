using System.Globalization;
using Microsoft.Extensions.AI;

namespace Agents.Core.Loop;

/// <summary>The counters of one run and the limit checks over them.</summary>
internal sealed class RunState(AgentLimits limits, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private long _stepTokensStart;

    public int Step { get; private set; }

    public int ToolCalls { get; set; }

    public int ConsecutiveErrors { get; set; }

    public long Tokens { get; private set; }

    public StoppedEvent? Stopped { get; private set; }

    public void NextStep()
    {
        Step++;
        _stepTokensStart = Tokens;
    }

    /// <summary>Counts generated tokens: the model's usage report when it sends one, otherwise one per text chunk.</summary>
    public void Count(ChatResponseUpdate update)
    {
        var usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details.OutputTokenCount;
        if (usage is { } reported)
        {
            Tokens = _stepTokensStart + reported;
        }
        else if (update.Contents.OfType<TextContent>().Any(t => t.Text.Length > 0))
        {
            Tokens++;
        }
    }

    public long TokensLeft => Math.Max(0, limits.MaxTokens - Tokens);

    public StoppedEvent Stop(StopReason reason) => Stopped = new StoppedEvent(Step, reason, Describe(reason));

    /// <summary>The first limit reached before the next step, or null.</summary>
    public StoppedEvent? LimitReached() =>
        ConsecutiveErrors >= limits.MaxConsecutiveErrors ? Stop(StopReason.TooManyErrors)
        : Tokens >= limits.MaxTokens ? Stop(StopReason.MaxTokens)
        : time.GetElapsedTime(_started) >= limits.MaxTime ? Stop(StopReason.MaxTime)
        : Step >= limits.MaxSteps ? Stop(StopReason.MaxSteps)
        : null;

    private string Describe(StopReason reason) => reason switch
    {
        StopReason.FinalAnswer => "The agent gave its final answer.",
        StopReason.MaxSteps => $"Stopped after max_steps = {limits.MaxSteps} model calls without a final answer.",
        StopReason.MaxToolCalls => $"Stopped: the model asked for more than max_tool_calls = {limits.MaxToolCalls} tool calls.",
        StopReason.MaxTime => $"Stopped: the run took longer than max_seconds = {limits.MaxTime.TotalSeconds.ToString(CultureInfo.InvariantCulture)}.",
        StopReason.MaxTokens => $"Stopped: the model generated max_tokens = {limits.MaxTokens} tokens in all.",
        _ => $"Stopped after max_consecutive_errors = {limits.MaxConsecutiveErrors} model errors in a row.",
    };
}
