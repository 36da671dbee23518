namespace Agents.Models.Store;

/// <summary>Turns what the user wrote after <c>--model</c> into a file: an existing path is used as is, a reference is pulled on first use.</summary>
public sealed class ModelResolver
{
    private readonly ModelStore _store;

    /// <summary>Creates a resolver over a store.</summary>
    /// <param name="store">The cache references are pulled into.</param>
    public ModelResolver(ModelStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>Returns the full path of a model file, pulling it when <paramref name="pathOrReference"/> is a reference not yet cached.</summary>
    /// <param name="pathOrReference">A file path, an <c>https://</c> URL, or <c>hf:owner/repo/file.gguf[@revision]</c>.</param>
    /// <param name="progress">Receives download progress when a pull happens.</param>
    /// <param name="cancellationToken">Cancels a pull.</param>
    /// <exception cref="FileNotFoundException">Neither an existing file nor a reference.</exception>
    public async Task<string> ResolveAsync(string pathOrReference, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrReference);
        if (File.Exists(pathOrReference))
        {
            return Path.GetFullPath(pathOrReference);
        }

        if (!ModelReference.LooksLikeReference(pathOrReference))
        {
            throw new FileNotFoundException(
                $"Model '{pathOrReference}' is neither an existing file nor a reference (https://host/file.gguf or hf:owner/repo/file.gguf).",
                pathOrReference);
        }

        var result = await _store.PullAsync(pathOrReference, null, progress, cancellationToken).ConfigureAwait(false);
        return result.Path;
    }
}
