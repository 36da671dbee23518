namespace Agents.Models.Engine;

/// <summary>What a chat client does when a conversation no longer fits into the context.</summary>
public enum ContextOverflowPolicy
{
    /// <summary>Throw <see cref="ContextOverflowException"/> before decoding (the default).</summary>
    Throw = 0,

    /// <summary>Drop the oldest non-system turns until the prompt fits; throw when even the last turn does not fit.</summary>
    DropOldestTurns = 1,
}
