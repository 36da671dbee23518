namespace Agents.Core.Loop;

/// <summary>Every limit of an agent run, each with its own <see cref="StopReason"/>. Defaults are safe for small local models.</summary>
public sealed record AgentLimits
{
    /// <summary>Most model calls per run (default 10).</summary>
    public int MaxSteps { get; init; } = 10;

    /// <summary>Most tool calls per run (default 20).</summary>
    public int MaxToolCalls { get; init; } = 20;

    /// <summary>Longest wall-clock time of a run (default 5 minutes).</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most generated tokens per run, all steps together (default 8,192). Counted from usage reports, or one per streamed text chunk when the model reports none.</summary>
    public long MaxTokens { get; init; } = 8192;

    /// <summary>Most model-caused errors in a row before the run stops (default 3).</summary>
    public int MaxConsecutiveErrors { get; init; } = 3;

    /// <summary>Longest time one tool call may take (default 60 seconds); a slower call becomes an error observation.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest observation, in characters, shown to the model (default 4,000); longer results are cut with a note.</summary>
    public int MaxObservationChars { get; init; } = 4000;

    /// <summary>Throws when a limit is not positive.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxToolCalls, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConsecutiveErrors, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ToolTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxObservationChars, 16);
    }
}
