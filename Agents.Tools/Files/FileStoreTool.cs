namespace Agents.Tools.Files;

/// <summary>One of the five file store tools (<c>read_file</c>, <c>write_file</c>, <c>list_files</c>, <c>delete_file</c>, <c>search_files</c>) over a <see cref="FileStore"/>.</summary>
public sealed class FileStoreTool : ToolFunction
{
    /// <summary>The names of the file store tools.</summary>
    public static IReadOnlyList<string> ToolNames { get; } = ["read_file", "write_file", "list_files", "delete_file", "search_files"];

    private const string PathHelp = "A path relative to the file store folder, e.g. notes/todo.txt (no leading '/', no '..').";

    private readonly FileStore _store;

    private FileStoreTool(string name, string description, IReadOnlyList<ToolParameter> parameters, FileStore store)
        : base(name, description, parameters)
    {
        _store = store;
    }

    /// <summary>Creates the tool called <paramref name="name"/> (one of <see cref="ToolNames"/>) over <paramref name="store"/>.</summary>
    public static FileStoreTool Create(string name, FileStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return name switch
        {
            "read_file" => new(name, "Reads a text file from the file store and returns its content. Example: {\"path\": \"notes/todo.txt\"}",
                [new("path", "string", PathHelp)], store),
            "write_file" => new(name, "Writes text to a file in the file store, creating folders as needed. Refuses to replace an existing file unless overwrite is true. Example: {\"path\": \"notes/todo.txt\", \"content\": \"buy milk\", \"overwrite\": false}",
                [new("path", "string", PathHelp), new("content", "string", "The full text to write."), new("overwrite", "boolean", "true to replace an existing file; default false.", Required: false)], store),
            "list_files" => new(name, "Lists the files and folders in a folder of the file store (folders end with '/'). Example: {\"path\": \".\"}",
                [new("path", "string", "The folder, relative to the file store; \".\" for the top folder.", Required: false)], store),
            "delete_file" => new(name, "Deletes one file from the file store (never a folder). Example: {\"path\": \"notes/old.txt\"}",
                [new("path", "string", PathHelp)], store),
            "search_files" => new(name, "Finds files by name pattern (* matches any characters, ** any folders, e.g. *.md or docs/**/*.txt), optionally only those containing some text. Example: {\"pattern\": \"*.txt\", \"containing\": \"invoice\"}",
                [new("pattern", "string", "A file name pattern such as *.md; use * for all files."), new("containing", "string", "Only files whose text contains this (case-insensitive).", Required: false)], store),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a file store tool."),
        };
    }

    /// <inheritdoc />
    protected override async Task<string> InvokeToolAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return Name switch
        {
            "read_file" => await _store.ReadFileAsync(arguments.GetRequiredString("path"), cancellationToken).ConfigureAwait(false),
            "write_file" => await _store.WriteFileAsync(
                arguments.GetRequiredString("path"), arguments.GetString("content") ?? throw new ToolException(Name, "missing required argument 'content'."),
                arguments.GetBool("overwrite", false), cancellationToken).ConfigureAwait(false),
            "list_files" => _store.ListFiles(arguments.GetString("path")),
            "delete_file" => _store.DeleteFile(arguments.GetRequiredString("path")),
            _ => await _store.SearchFilesAsync(arguments.GetString("pattern") ?? "*", arguments.GetString("containing"), cancellationToken).ConfigureAwait(false),
        };
    }
}
