using System.Globalization;
using System.Text;

namespace Agents.Tools.Files;

/// <summary>
/// Files under one root folder, for agents: read, write (atomic, no overwrite unless asked), list, delete and
/// search. Every path goes through <see cref="PathSandbox"/>; every limit comes from <see cref="FileStoreOptions"/>.
/// Results are observation text for a model; file contents and names are wrapped as untrusted content.
/// </summary>
public sealed partial class FileStore
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly FileStoreOptions _options;

    /// <summary>Creates the store; the root folder must exist.</summary>
    public FileStore(FileStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        if (_options.MaxReadBytes <= 0 || _options.MaxWriteBytes <= 0 || _options.MaxListEntries <= 0 || _options.MaxSearchResults <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "file store limits must be positive.");
        }

        Sandbox = new PathSandbox(_options.Root, _options.MaxPathLength);
    }

    /// <summary>The sandbox that checks every path.</summary>
    public PathSandbox Sandbox { get; }

    /// <summary>The options in force.</summary>
    public FileStoreOptions Options => _options.Clone();

    /// <summary>Reads a UTF-8 text file.</summary>
    public async Task<string> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        const string tool = "read_file";
        var resolved = Sandbox.Resolve(path, tool);
        if (!resolved.Exists)
        {
            throw Fail(tool, path, $"'{resolved.Relative}' does not exist; use list_files to see what is there.");
        }

        if (resolved.IsDirectory)
        {
            throw Fail(tool, path, $"'{resolved.Relative}' is a folder; use list_files to see what is in it.");
        }

        var length = new FileInfo(resolved.FullPath).Length;
        if (length > _options.MaxReadBytes)
        {
            throw Fail(tool, path, $"'{resolved.Relative}' is {length} bytes, over the read limit of {_options.MaxReadBytes} bytes.");
        }

        byte[] bytes;
        try
        {
            // Opening a FIFO or a device blocks until someone writes to it: give up after a deadline instead of hanging.
            bytes = await Task.Run(() => File.ReadAllBytesAsync(resolved.FullPath, cancellationToken), cancellationToken)
                .WaitAsync(_options.ReadTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw Fail(tool, path, string.Create(CultureInfo.InvariantCulture, $"could not read '{resolved.Relative}' within {_options.ReadTimeout.TotalSeconds} s (not a regular file?)."), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(tool, path, $"could not read '{resolved.Relative}': {e.GetType().Name}.", e);
        }

        if (bytes.Length > _options.MaxReadBytes)
        {
            throw Fail(tool, path, $"'{resolved.Relative}' is over the read limit of {_options.MaxReadBytes} bytes.");
        }

        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            throw Fail(tool, path, $"'{resolved.Relative}' is a binary file; only text files can be read.");
        }

        var text = StrictUtf8.GetString(bytes);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return UntrustedContent.Wrap($"file {resolved.Relative}", text);
    }

    /// <summary>Writes <paramref name="content"/> (UTF-8) to <paramref name="path"/> atomically; creates missing folders.</summary>
    public async Task<string> WriteFileAsync(string path, string content, bool overwrite, CancellationToken cancellationToken = default)
    {
        const string tool = "write_file";
        ArgumentNullException.ThrowIfNull(content);
        RefuseIfReadOnly(tool, path);
        var bytes = Encoding.UTF8.GetBytes(content);
        if (bytes.Length > _options.MaxWriteBytes)
        {
            throw Fail(tool, path, $"the content is {bytes.Length} bytes, over the write limit of {_options.MaxWriteBytes} bytes.");
        }

        var resolved = Sandbox.Resolve(path, tool);
        if (resolved.Relative == ".")
        {
            throw Fail(tool, path, "give a file name, e.g. notes.txt.");
        }

        if (resolved.IsDirectory)
        {
            throw Fail(tool, path, $"'{resolved.Relative}' is a folder; give a file name inside it.");
        }

        if (resolved.Exists && !overwrite)
        {
            throw Fail(tool, path, $"'{resolved.Relative}' already exists; pass overwrite: true to replace it.");
        }

        try
        {
            var folder = Path.GetDirectoryName(resolved.FullPath)!;
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
            }

            await AtomicFileWriter.WriteAsync(resolved.FullPath, bytes, overwrite, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (!overwrite && File.Exists(resolved.FullPath))
        {
            throw Fail(tool, path, $"'{resolved.Relative}' already exists; pass overwrite: true to replace it.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(tool, path, $"could not write '{resolved.Relative}': {e.GetType().Name}.", e);
        }

        return string.Create(CultureInfo.InvariantCulture, $"wrote {bytes.Length} bytes to {resolved.Relative}");
    }

    /// <summary>Lists the entries of a folder (the root when <paramref name="path"/> is empty or ".").</summary>
    public string ListFiles(string? path)
    {
        const string tool = "list_files";
        var resolved = Sandbox.Resolve(string.IsNullOrWhiteSpace(path) ? "." : path, tool);
        if (!resolved.Exists)
        {
            throw Fail(tool, path ?? ".", $"'{resolved.Relative}' does not exist.");
        }

        if (!resolved.IsDirectory)
        {
            throw Fail(tool, path ?? ".", $"'{resolved.Relative}' is a file; use read_file to read it.");
        }

        var lines = new List<string>();
        var total = 0;
        try
        {
            foreach (var entry in new DirectoryInfo(resolved.FullPath).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                if (AtomicFileWriter.IsTempFile(entry.Name))
                {
                    continue;
                }

                total++;
                if (lines.Count < _options.MaxListEntries)
                {
                    lines.Add(Describe(entry));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(tool, path ?? ".", $"could not list '{resolved.Relative}': {e.GetType().Name}.", e);
        }

        if (total > lines.Count)
        {
            lines.Add($"… and {total - lines.Count} more entries (limit {_options.MaxListEntries}).");
        }

        var body = lines.Count == 0 ? "(empty folder)" : string.Join('\n', lines);
        return UntrustedContent.Wrap($"folder listing of {resolved.Relative}", body);
    }

    /// <summary>Deletes one file (never a folder). A symbolic link is removed itself, not its target.</summary>
    public string DeleteFile(string path)
    {
        const string tool = "delete_file";
        RefuseIfReadOnly(tool, path);
        var resolved = Sandbox.Resolve(path, tool, followLeaf: false);
        if (resolved.Relative == ".")
        {
            throw Fail(tool, path, "give the file to delete.");
        }

        if (!resolved.Exists)
        {
            throw Fail(tool, path, $"'{resolved.Relative}' does not exist.");
        }

        if (resolved.IsDirectory)
        {
            throw Fail(tool, path, $"'{resolved.Relative}' is a folder; delete_file only deletes files.");
        }

        try
        {
            File.Delete(resolved.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Fail(tool, path, $"could not delete '{resolved.Relative}': {e.GetType().Name}.", e);
        }

        return $"deleted {resolved.Relative}";
    }

    private static string Describe(FileSystemInfo entry)
    {
        if (entry.LinkTarget is not null)
        {
            return entry.Name + " (symbolic link)";
        }

        return entry is DirectoryInfo
            ? entry.Name + "/"
            : string.Create(CultureInfo.InvariantCulture, $"{entry.Name} ({((FileInfo)entry).Length} bytes)");
    }

    private void RefuseIfReadOnly(string tool, string path)
    {
        if (_options.ReadOnly)
        {
            throw Fail(tool, path, "the file store is read-only: writing and deleting are turned off.");
        }
    }

    private static FileStoreException Fail(string tool, string path, string message, Exception? inner = null) =>
        new(tool, path, message, inner);
}
