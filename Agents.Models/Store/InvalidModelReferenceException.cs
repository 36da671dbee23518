namespace Agents.Models.Store;

/// <summary>A model reference that cannot be parsed; <see cref="Reference"/> holds the text and the message says why.</summary>
public sealed class InvalidModelReferenceException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reference">The text that failed to parse.</param>
    /// <param name="reason">Why it failed.</param>
    public InvalidModelReferenceException(string reference, string reason)
        : base($"Invalid model reference '{reference}': {reason}.")
    {
        Reference = reference;
        Reason = reason;
    }

    /// <summary>The text that failed to parse.</summary>
    public string Reference { get; }

    /// <summary>Why it failed.</summary>
    public string Reason { get; }
}
