namespace Agents.Core.Loop;

/// <summary>Why an agent run stopped. Cancellation is not a stop reason: it throws <see cref="OperationCanceledException"/>.</summary>
public enum StopReason
{
    /// <summary>The model gave its final answer.</summary>
    FinalAnswer,

    /// <summary><see cref="AgentLimits.MaxSteps"/> model calls were made without a final answer.</summary>
    MaxSteps,

    /// <summary>The model asked for more than <see cref="AgentLimits.MaxToolCalls"/> tool calls.</summary>
    MaxToolCalls,

    /// <summary>The run took longer than <see cref="AgentLimits.MaxTime"/>.</summary>
    MaxTime,

    /// <summary>The model generated <see cref="AgentLimits.MaxTokens"/> tokens in all.</summary>
    MaxTokens,

    /// <summary>The model made <see cref="AgentLimits.MaxConsecutiveErrors"/> errors in a row (parse errors, unknown tools, bad arguments, failing tools).</summary>
    TooManyErrors,
}
