namespace Agents.Models.Store;

/// <summary>The downloaded file does not have the expected sha256; nothing was kept in the cache.</summary>
public sealed class ModelHashMismatchException : ModelDownloadException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="uri">The URL downloaded.</param>
    /// <param name="expectedSha256">The hash given by the user or published by the hub.</param>
    /// <param name="actualSha256">The hash of what was received.</param>
    /// <param name="hashSource"><c>user</c> or <c>hub</c>.</param>
    public ModelHashMismatchException(Uri uri, string expectedSha256, string actualSha256, string hashSource)
        : base(uri, $"sha256 mismatch for {uri}: expected {expectedSha256} ({(hashSource == "user" ? "--sha256" : "published by the hub")}), got {actualSha256}. The download was deleted; nothing was added to the cache.")
    {
        ExpectedSha256 = expectedSha256;
        ActualSha256 = actualSha256;
        HashSource = hashSource;
    }

    /// <summary>The hash given by the user or published by the hub.</summary>
    public string ExpectedSha256 { get; }

    /// <summary>The hash of what was received.</summary>
    public string ActualSha256 { get; }

    /// <summary><c>user</c> or <c>hub</c>.</summary>
    public string HashSource { get; }
}
