namespace Agents.TestSupport;

/// <summary>
/// Thrown to skip a test at run time. xunit 2.9 reports an exception whose message starts with
/// <c>$XunitDynamicSkip$</c> as a skipped test with the rest of the message as the reason.
/// </summary>
public sealed class SkipException : Exception
{
    private SkipException(string message) : base(message) { }

    /// <summary>Creates a skip with a reason.</summary>
    public static SkipException ForMessage(string reason) => new("$XunitDynamicSkip$" + reason);
}
