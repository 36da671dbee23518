namespace Agents.Models.Store;

/// <summary>Progress of one download.</summary>
/// <param name="FileName">The file being downloaded.</param>
/// <param name="BytesReceived">Bytes on disk so far, resumed bytes included.</param>
/// <param name="TotalBytes">Size of the whole file when the server said it, otherwise null.</param>
/// <param name="BytesPerSecond">Average speed of this transfer (resumed bytes excluded).</param>
/// <param name="EstimatedRemaining">Time left at that speed, when the size and a speed are known.</param>
public readonly record struct DownloadProgress(
    string FileName,
    long BytesReceived,
    long? TotalBytes,
    double BytesPerSecond,
    TimeSpan? EstimatedRemaining)
{
    /// <summary>Fraction done between 0 and 1, or null when the size is unknown.</summary>
    public double? Fraction => TotalBytes is > 0 ? Math.Clamp((double)BytesReceived / TotalBytes.Value, 0, 1) : null;
}
