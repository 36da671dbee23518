namespace Agents.Models.Store;

/// <summary>Outcome of <see cref="ModelStore.PullAsync(ModelReference, string?, IProgress{DownloadProgress}?, CancellationToken)"/>.</summary>
/// <param name="Path">Full path of the model file in the cache.</param>
/// <param name="Sha256">Lower-case hex sha256 of the file.</param>
/// <param name="HashSource">What the hash was checked against: <c>user</c> (--sha256), <c>hub</c> (published by the server) or null when nothing was published (the hash is only reported).</param>
/// <param name="Downloaded">False when the file was already in the cache.</param>
/// <param name="SizeBytes">Size of the file.</param>
public sealed record PullResult(string Path, string Sha256, string? HashSource, bool Downloaded, long SizeBytes)
{
    /// <summary>True when the hash matched a hash given by the user or published by the hub.</summary>
    public bool Verified => HashSource is not null;
}
