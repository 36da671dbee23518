namespace Agents.Models.Store;

/// <summary>Settings of a <see cref="ModelStore"/>. Every limit has a documented default.</summary>
public sealed class ModelStoreOptions
{
    /// <summary>The cache folder; null resolves it with <see cref="ModelCacheDirectory.Resolve"/> (AGENTS_HOME, XDG_CACHE_HOME, ~/.cache).</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>The hub that <c>hf:</c> references resolve against. Default: https://huggingface.co/.</summary>
    public Uri HuggingFaceBaseUri { get; set; } = ModelReference.DefaultHuggingFaceBaseUri;

    /// <summary>Largest file accepted, in bytes. Default: 64 GiB.</summary>
    public long MaxDownloadBytes { get; set; } = 64L * 1024 * 1024 * 1024;

    /// <summary>Time allowed to open a TCP/TLS connection. Default: 30 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed without any response header or body byte before the attempt fails. Default: 60 s.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times an interrupted transfer is resumed within one pull. Default: 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Pause before resuming an interrupted transfer. Default: 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for another pull of the same file (in this or another process) to finish. Default: 30 min.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Most redirects followed for one request. Default: 10.</summary>
    public int MaxRedirects { get; set; } = 10;

    /// <summary>
    /// Hugging Face access token for private or gated repositories (the CLI reads <c>HF_TOKEN</c>), or null. It is sent only
    /// to the host of <see cref="HuggingFaceBaseUri"/>, never to the hosts the hub redirects to, and never logged.
    /// </summary>
    public string? HuggingFaceToken { get; set; }

    /// <summary>Allow plain <c>http://</c> to hosts other than loopback. Default: false (https only; http is allowed to 127.0.0.1/localhost).</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Smallest interval between two progress reports. Default: 100 ms.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns a copy of these options.</summary>
    public ModelStoreOptions Clone() => (ModelStoreOptions)MemberwiseClone();

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero, negative or out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(HuggingFaceBaseUri);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDownloadBytes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReadTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(LockTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRedirects);
        ArgumentOutOfRangeException.ThrowIfLessThan(ProgressInterval, TimeSpan.Zero);
    }
}
