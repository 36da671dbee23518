namespace Agents.TestSupport;

/// <summary>
/// Thrown when a test cannot run because something outside the repository is missing. xunit 2.9 (runner 3.1)
/// has no dynamic skip, so the test is reported as failed, with a message that names what is missing and how to
/// provide it; the <c>$XunitDynamicSkip$</c> prefix lets runners that understand it show a skip instead.
/// </summary>
public sealed class SkipException : Exception
{
    private SkipException(string message) : base(message) { }

    /// <summary>Creates a skip with a reason.</summary>
    public static SkipException ForMessage(string reason) => new("$XunitDynamicSkip$" + reason);
}
