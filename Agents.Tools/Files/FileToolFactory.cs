using Agents.Core.Tools;
using Microsoft.Extensions.AI;

namespace Agents.Tools.Files;

/// <summary>
/// Makes one file store tool. Settings (all optional): <c>root</c> (folder, relative to the recipe's folder;
/// default that folder), <c>read_only</c>, <c>max_read_bytes</c>, <c>max_write_bytes</c>, <c>max_list_entries</c>,
/// <c>max_search_results</c>.
/// </summary>
public sealed class FileToolFactory : IAgentToolFactory
{
    /// <summary>Creates the factory for <paramref name="name"/>, one of <see cref="FileStoreTool.ToolNames"/>.</summary>
    public FileToolFactory(string name)
    {
        if (!FileStoreTool.ToolNames.Contains(name))
        {
            throw new ArgumentOutOfRangeException(nameof(name), name, "Not a file store tool.");
        }

        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Reads <see cref="FileStoreOptions"/> from recipe settings.</summary>
    public static FileStoreOptions ReadOptions(ToolSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new FileStoreOptions();
        var root = settings.GetString("root");
        return new FileStoreOptions
        {
            Root = root is null ? settings.BaseDirectory : Path.GetFullPath(root, settings.BaseDirectory),
            ReadOnly = settings.GetBool("read_only"),
            MaxReadBytes = settings.GetInt64("max_read_bytes", defaults.MaxReadBytes),
            MaxWriteBytes = settings.GetInt64("max_write_bytes", defaults.MaxWriteBytes),
            MaxListEntries = (int)settings.GetInt64("max_list_entries", defaults.MaxListEntries),
            MaxSearchResults = (int)settings.GetInt64("max_search_results", defaults.MaxSearchResults),
        };
    }

    /// <inheritdoc />
    public AIFunction Create(ToolSettings settings, IServiceProvider services) =>
        FileStoreTool.Create(Name, new FileStore(ReadOptions(settings)));
}
