namespace Agents.Tools.Files;

/// <summary>Where the file store lives and what it may do. Defaults are safe: small files, no overwrite unless asked.</summary>
public sealed class FileStoreOptions
{
    /// <summary>The folder every path is relative to; nothing outside it (after resolving symbolic links) is reachable.</summary>
    public string Root { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>When true, <c>write_file</c> and <c>delete_file</c> refuse. Default false.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>The largest file <c>read_file</c> returns (and <c>search_files</c> looks inside), in bytes. Default 1 MiB.</summary>
    public long MaxReadBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest content <c>write_file</c> accepts, in bytes (UTF-8). Default 1 MiB.</summary>
    public long MaxWriteBytes { get; set; } = 1024 * 1024;

    /// <summary>The most entries <c>list_files</c> shows. Default 500.</summary>
    public int MaxListEntries { get; set; } = 500;

    /// <summary>The most matches <c>search_files</c> returns. Default 100.</summary>
    public int MaxSearchResults { get; set; } = 100;

    /// <summary>The most files and folders <c>search_files</c> visits. Default 20,000.</summary>
    public int MaxSearchVisits { get; set; } = 20_000;

    /// <summary>The deepest folder <c>search_files</c> enters below the root. Default 32.</summary>
    public int MaxSearchDepth { get; set; } = 32;

    /// <summary>How long <c>read_file</c> waits for a file to open and read (a FIFO or device would block forever). Default 10 s.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest path accepted, in characters. Default 1,024.</summary>
    public int MaxPathLength { get; set; } = 1024;

    /// <summary>Returns a copy of these options.</summary>
    public FileStoreOptions Clone() => (FileStoreOptions)MemberwiseClone();
}
