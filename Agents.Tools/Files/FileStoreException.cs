namespace Agents.Tools.Files;

/// <summary>A file store call was refused (path outside the root, read-only store, limit) or failed.</summary>
public sealed class FileStoreException : ToolException
{
    /// <summary>Creates the error for <paramref name="path"/> (as the caller wrote it).</summary>
    public FileStoreException(string toolName, string path, string message, Exception? innerException = null)
        : base(toolName, message, innerException)
    {
        Path = path;
    }

    /// <summary>Creates an error with no path.</summary>
    public FileStoreException()
        : this(string.Empty, string.Empty, "The file store call failed.")
    {
    }

    /// <summary>Creates an error with no path.</summary>
    public FileStoreException(string message)
        : this(string.Empty, string.Empty, message)
    {
    }

    /// <summary>Creates an error with no path.</summary>
    public FileStoreException(string message, Exception innerException)
        : this(string.Empty, string.Empty, message, innerException)
    {
    }

    /// <summary>The path as the caller gave it.</summary>
    public string Path { get; }
}
