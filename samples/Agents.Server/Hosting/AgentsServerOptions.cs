namespace Agents.Server.Hosting;

/// <summary>Settings of the server process; every limit is explicit and has a safe default.</summary>
public sealed class AgentsServerOptions
{
    /// <summary>Address to bind. Loopback by default so nothing is exposed by accident.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 8080;

    /// <summary>When set, every generation and conversation endpoint needs <c>Authorization: Bearer KEY</c>.
    /// <c>/health</c>, <c>GET /v1/models</c> and the page itself stay public.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Requests generating at the same time; one more gets 429 with <c>Retry-After</c>.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Seconds sent in <c>Retry-After</c> with a 429.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Longest time one request may generate before it is cancelled.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest request body accepted (Kestrel limit); larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most messages one chat request may carry.</summary>
    public int MaxMessages { get; set; } = 1000;

    /// <summary>Most inputs one embeddings request may carry.</summary>
    public int MaxEmbeddingInputs { get; set; } = 2048;

    /// <summary>SQLite file for the web page's conversations; null keeps them in memory for the process lifetime.</summary>
    public string? ConversationDatabasePath { get; set; }

    /// <summary>How long graceful shutdown waits for running requests after cancelling their generation.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("Host must not be empty.", nameof(Host));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be between 0 and 65535.");
        }

        if (MaxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "MaxConcurrency must be at least 1.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "RequestTimeout must be positive.");
        }

        if (MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRequestBodyBytes), MaxRequestBodyBytes, "MaxRequestBodyBytes must be at least 1024.");
        }

        if (MaxMessages < 1 || MaxEmbeddingInputs < 1 || RetryAfterSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxMessages), "MaxMessages and MaxEmbeddingInputs must be at least 1; RetryAfterSeconds must not be negative.");
        }
    }
}
