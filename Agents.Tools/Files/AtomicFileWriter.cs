namespace Agents.Tools.Files;

/// <summary>
/// Writes a file so that a crash never leaves half of it: the content goes to a temporary file in the same
/// folder (<see cref="TempPrefix"/>…), is flushed to the disk (<see cref="FileStream.Flush(bool)"/> with
/// true, i.e. fsync), and is then renamed over the target, which the OS does atomically. Readers see the old
/// file or the new one, never a mix. A crash can leave a temporary file behind; the file store hides them.
/// </summary>
public static class AtomicFileWriter
{
    /// <summary>The name prefix of temporary files.</summary>
    public const string TempPrefix = ".agents-tmp-";

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="IOException">The target exists and <paramref name="overwrite"/> is false, or the write failed.</exception>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> content, bool overwrite, CancellationToken cancellationToken = default) =>
        WriteAsync(path, (stream, ct) => stream.WriteAsync(content, ct).AsTask(), overwrite, cancellationToken);

    /// <summary>Writes what <paramref name="writeContent"/> produces to <paramref name="path"/> atomically.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> writeContent, bool overwrite, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writeContent);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? throw new IOException($"'{path}' has no folder.");
        var temp = Path.Join(folder, TempPrefix + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
            };
            var stream = new FileStream(temp, options);
            await using (stream.ConfigureAwait(false))
            {
                await writeContent(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            if (!overwrite && (File.Exists(path) || Directory.Exists(path)))
            {
                throw new IOException($"'{Path.GetFileName(path)}' already exists.");
            }

            File.Move(temp, path, overwrite);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Whether <paramref name="fileName"/> is one of this writer's temporary files.</summary>
    public static bool IsTempFile(string fileName) =>
        fileName is not null && fileName.StartsWith(TempPrefix, StringComparison.Ordinal);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
