namespace Agents.Models.Remote;

/// <summary>
/// One model served by one or more OpenAI-compatible endpoints (llama-server, vLLM, Ollama, LocalAI).
/// The key is never logged and is hidden from <see cref="ToString"/>.
/// </summary>
public sealed class RemoteModelOptions
{
    /// <summary>Base URLs of the endpoints, e.g. <c>http://gpu1:8080/v1</c>. A URL with no path gets <c>/v1</c>.</summary>
    public IList<Uri> Endpoints { get; init; } = [];

    /// <summary>The model name sent with every request (the same on every endpoint).</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>API key sent as a bearer token, or null for servers without one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Time allowed to open a connection before the endpoint counts as down. Default: 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Streaming: time allowed until the first update arrives before the next endpoint is tried. Default: 60 s.</summary>
    public TimeSpan FirstTokenTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Non-streaming: time allowed for the whole response; streaming: longest silence between two updates. Default: 5 min.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a failing endpoint is skipped (tried last) before it is tried first again. Default: 30 s.</summary>
    public TimeSpan CoolOff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Returns a copy (the endpoint list is copied too).</summary>
    public RemoteModelOptions Clone() => new()
    {
        Endpoints = [.. Endpoints],
        Model = Model,
        ApiKey = ApiKey,
        ConnectTimeout = ConnectTimeout,
        FirstTokenTimeout = FirstTokenTimeout,
        ResponseTimeout = ResponseTimeout,
        CoolOff = CoolOff,
    };

    /// <summary>Throws when the options cannot work.</summary>
    /// <exception cref="ArgumentException">No endpoint, a relative or non-http(s) URL, or no model name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A timeout is zero or negative.</exception>
    public void Validate()
    {
        if (Endpoints is null || Endpoints.Count == 0)
        {
            throw new ArgumentException("At least one endpoint URL is required.", nameof(Endpoints));
        }

        foreach (var endpoint in Endpoints)
        {
            if (endpoint is null || !endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"Endpoint '{endpoint}' is not an absolute http(s) URL.", nameof(Endpoints));
            }
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException("A model name is required (the name the endpoints serve it under).", nameof(Model));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FirstTokenTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResponseTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(CoolOff, TimeSpan.Zero);
    }

    /// <summary>Describes the options without the key.</summary>
    public override string ToString() =>
        $"model '{Model}' at {string.Join(", ", Endpoints)} (key {(string.IsNullOrEmpty(ApiKey) ? "none" : "set")})";
}
