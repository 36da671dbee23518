using Agents.Models.Store;

namespace Agents.Cli.Commands.Store;

/// <summary>Turns a <c>--model</c> value (a path or a model-store reference) into a local file path, pulling on first use.</summary>
internal static class ModelLocator
{
    /// <summary>True when <paramref name="value"/> is a reference (<c>hf:…</c> or an http(s) URL) rather than a path.</summary>
    public static bool IsReference(string value) =>
        value.StartsWith("hf:", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the path for <paramref name="pathOrReference"/>; a reference is pulled into the cache (progress on stderr).</summary>
    public static async Task<string> LocateAsync(string pathOrReference, CancellationToken cancellationToken)
    {
        if (!IsReference(pathOrReference))
        {
            return pathOrReference;
        }

        using var store = new ModelStore(new ModelStoreOptions { HuggingFaceToken = Environment.GetEnvironmentVariable("HF_TOKEN") });
        var bar = new DownloadProgressBar(Console.Error, Console.IsErrorRedirected);
        var path = await new ModelResolver(store).ResolveAsync(pathOrReference, bar, cancellationToken).ConfigureAwait(false);
        bar.Finish();
        return path;
    }
}
