namespace Agents.Models.Store;

/// <summary>
/// An exclusive lock on a file (FileShare.None, an advisory flock on Unix), held across processes, so two pulls
/// of the same model never write the same partial file. The lock file is left in place: deleting it on close
/// would let a waiter lock an unlinked file while a third process creates a new one.
/// </summary>
internal static class FileLock
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<FileStream> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new TimeoutException($"Another pull of the same model holds the lock '{path}'; waited {timeout}. If no pull is running, delete the lock file.", ex);
            }
        }
    }
}
