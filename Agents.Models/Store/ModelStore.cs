using System.Net;
using System.Security.Cryptography;
using System.Text;
using Agents.Models.Gguf;

namespace Agents.Models.Store;

/// <summary>
/// The local model cache: pulls model files by reference (resume, sha256 check, atomic move into place) and lists
/// what is cached. Layout: <c>{cache}/{host or huggingface/owner/repo}/{file}</c>, a <c>.sha256</c> file beside each
/// model, and work files under <c>{cache}/partial/</c>.
/// </summary>
public sealed class ModelStore : IDisposable
{
    private const string PartialFolder = "partial";
    private const string HashSuffix = ".sha256";
    private readonly ModelStoreOptions _options;
    private readonly HttpClient _http;
    private readonly ModelDownloader _downloader;

    /// <summary>Creates a store.</summary>
    /// <param name="options">Settings; defaults when null. They are copied.</param>
    /// <param name="environment">Reads environment variables for the cache folder; the process environment when null.</param>
    public ModelStore(ModelStoreOptions? options = null, Func<string, string?>? environment = null)
    {
        _options = options?.Clone() ?? new ModelStoreOptions();
        _options.Validate();
        CacheDirectory = ModelCacheDirectory.Resolve(_options.CacheDirectory, environment);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = _options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("agents-model-store/1.0");
        _downloader = new ModelDownloader(_http, _options);
    }

    /// <summary>The cache folder in use (absolute).</summary>
    public string CacheDirectory { get; }

    /// <summary>Parses a reference against this store's Hugging Face base.</summary>
    /// <param name="reference">An <c>https://</c> URL or <c>hf:owner/repo/file.gguf[@revision]</c>.</param>
    public ModelReference ParseReference(string reference) => ModelReference.Parse(reference, _options.HuggingFaceBaseUri);

    /// <summary>Where <paramref name="reference"/> lives (or will live) in the cache.</summary>
    /// <param name="reference">The model reference.</param>
    public string GetCachePath(ModelReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Path.Combine(CacheDirectory, reference.CacheRelativePath.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>Pulls a model given as text; see <see cref="PullAsync(ModelReference, string?, IProgress{DownloadProgress}?, CancellationToken)"/>.</summary>
    /// <param name="reference">An <c>https://</c> URL or <c>hf:owner/repo/file.gguf[@revision]</c>.</param>
    /// <param name="sha256">Expected sha256 (64 hex digits), or null to use the hash the hub publishes.</param>
    /// <param name="progress">Receives bytes, total, speed and ETA.</param>
    /// <param name="cancellationToken">Cancels the pull; the partial file is kept for a later resume.</param>
    public Task<PullResult> PullAsync(string reference, string? sha256 = null, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        PullAsync(ParseReference(reference), sha256, progress, cancellationToken);

    /// <summary>
    /// Returns the cached file, downloading it first when missing. The download goes to <c>partial/</c>, resumes an
    /// earlier interrupted one, is checked against <paramref name="sha256"/> (or the hash the hub publishes), and
    /// only then is moved into place. A wrong hash deletes the download and leaves nothing in the cache.
    /// </summary>
    /// <param name="reference">The model reference.</param>
    /// <param name="sha256">Expected sha256 (64 hex digits), or null to use the hash the hub publishes.</param>
    /// <param name="progress">Receives bytes, total, speed and ETA.</param>
    /// <param name="cancellationToken">Cancels the pull; the partial file is kept for a later resume.</param>
    /// <exception cref="ModelHashMismatchException">The file does not have the expected hash.</exception>
    /// <exception cref="ModelDownloadException">HTTP error, refused URL, size limit, or a transfer that kept failing.</exception>
    public async Task<PullResult> PullAsync(ModelReference reference, string? sha256 = null, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var expected = NormalizeSha256(sha256);
        var finalPath = GetCachePath(reference);
        if (File.Exists(finalPath))
        {
            return await FromCacheAsync(reference, finalPath, expected, cancellationToken).ConfigureAwait(false);
        }

        var partialDir = Path.Combine(CacheDirectory, PartialFolder);
        Directory.CreateDirectory(partialDir);
        var partialPath = Path.Combine(partialDir, PartialName(reference) + ".part");
        using var fileLock = await FileLock.AcquireAsync(Path.Combine(partialDir, PartialName(reference) + ".lock"), _options.LockTimeout, cancellationToken).ConfigureAwait(false);
        if (File.Exists(finalPath))
        {
            return await FromCacheAsync(reference, finalPath, expected, cancellationToken).ConfigureAwait(false);
        }

        var outcome = await _downloader.DownloadAsync(reference, partialPath, progress, cancellationToken).ConfigureAwait(false);
        var (check, source) = expected is not null ? (expected, "user") : outcome.HubSha256 is { } hub ? (hub, "hub") : ((string?)null, (string?)null);
        if (check is not null && !string.Equals(check, outcome.Sha256, StringComparison.Ordinal))
        {
            ModelDownloader.DeletePartial(partialPath);
            throw new ModelHashMismatchException(reference.DownloadUri, check, outcome.Sha256, source!);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        await File.WriteAllTextAsync(finalPath + HashSuffix, outcome.Sha256 + "\n", CancellationToken.None).ConfigureAwait(false);
        File.Move(partialPath, finalPath, overwrite: false);
        File.Delete(partialPath + ".meta");
        return new PullResult(finalPath, outcome.Sha256, source, Downloaded: true, outcome.Size);
    }

    /// <summary>Lists the models in the cache with what their GGUF headers say; unreadable files are listed with an error.</summary>
    public IReadOnlyList<CachedModel> ListModels()
    {
        if (!Directory.Exists(CacheDirectory))
        {
            return [];
        }

        var partial = Path.Combine(CacheDirectory, PartialFolder) + Path.DirectorySeparatorChar;
        var models = new List<CachedModel>();
        foreach (var path in Directory.EnumerateFiles(CacheDirectory, "*", SearchOption.AllDirectories))
        {
            if (path.StartsWith(partial, StringComparison.Ordinal) || path.EndsWith(HashSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            models.Add(Describe(path, Path.GetRelativePath(CacheDirectory, path).Replace(Path.DirectorySeparatorChar, '/')));
        }

        return models.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    internal static CachedModel Describe(string path, string name)
    {
        var size = new FileInfo(path).Length;
        try
        {
            var gguf = GgufFile.Read(path);
            return new CachedModel(path, name, size, gguf.Architecture, gguf.Quantization,
                gguf.ContextLength, (long)Math.Min(gguf.ParameterCount, long.MaxValue), gguf.Name, null);
        }
        catch (Exception ex) when (ex is GgufFormatException or IOException or OverflowException or UnauthorizedAccessException)
        {
            return new CachedModel(path, name, size, null, null, null, null, null, ex.Message);
        }
    }

    private static async Task<PullResult> FromCacheAsync(ModelReference reference, string finalPath, string? expected, CancellationToken cancellationToken)
    {
        var hashFile = finalPath + HashSuffix;
        var recorded = File.Exists(hashFile) ? NormalizeOrNull((await File.ReadAllTextAsync(hashFile, cancellationToken).ConfigureAwait(false)).Trim()) : null;
        var size = new FileInfo(finalPath).Length;
        if (expected is null || expected == recorded)
        {
            return new PullResult(finalPath, recorded ?? string.Empty, expected is null ? null : "user", Downloaded: false, size);
        }

        var actual = await ModelDownloader.HashFileAsync(finalPath, cancellationToken).ConfigureAwait(false);
        if (actual != expected)
        {
            throw new ModelDownloadException(reference.DownloadUri, $"The cached file '{finalPath}' has sha256 {actual}, not {expected} (--sha256). Delete it to download again.");
        }

        await File.WriteAllTextAsync(hashFile, actual + "\n", cancellationToken).ConfigureAwait(false);
        return new PullResult(finalPath, actual, "user", Downloaded: false, size);
    }

    private static string? NormalizeSha256(string? sha256)
    {
        if (sha256 is null)
        {
            return null;
        }

        return NormalizeOrNull(sha256.Trim())
            ?? throw new ArgumentException($"'{sha256}' is not a sha256: expected 64 hexadecimal digits.", nameof(sha256));
    }

    private static string? NormalizeOrNull(string value) =>
        value.Length == 64 && value.All(char.IsAsciiHexDigit) ? value.ToLowerInvariant() : null;

    private static string PartialName(ModelReference reference)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference.CacheRelativePath)))[..12];
        var name = reference.FileName;
        return (name.Length > 120 ? name[..120] : name) + "-" + id;
    }
}
