namespace Agents.Models.Engine;

/// <summary>The prompt does not fit into the context window of one conversation.</summary>
public sealed class ContextOverflowException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContextOverflowException()
        : this(0, 0)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ContextOverflowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ContextOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a prompt of <paramref name="promptTokens"/> tokens and a context of <paramref name="contextSize"/>.</summary>
    public ContextOverflowException(int promptTokens, int contextSize)
        : base($"The prompt has {promptTokens} tokens but the context holds {contextSize} (at least one more is needed to generate). Shorten the conversation, raise ContextSize, or set ContextOverflowPolicy.DropOldestTurns.")
    {
        PromptTokens = promptTokens;
        ContextSize = contextSize;
    }

    /// <summary>Number of tokens in the prompt.</summary>
    public int PromptTokens { get; }

    /// <summary>Context size of one conversation, in tokens.</summary>
    public int ContextSize { get; }
}
