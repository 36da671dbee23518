using System.Net;

namespace Agents.Tools.Web;

/// <summary>Limits and permissions of <c>fetch_page</c>. Defaults: 10 s, 2 MB, 5 redirects, public addresses only.</summary>
public sealed class WebFetchOptions
{
    /// <summary>Time for the whole fetch, redirects and body included. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest response body read, in bytes (after decompression). Default 2 MB.</summary>
    public long MaxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The most redirects followed; each one is checked again. Default 5.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>The most characters of page text returned to the model. Default 20,000.</summary>
    public int MaxTextChars { get; set; } = 20_000;

    /// <summary>The most links returned. Default 40.</summary>
    public int MaxLinks { get; set; } = 40;

    /// <summary>The most PDF pages read. Default 200.</summary>
    public int MaxPdfPages { get; set; } = 200;

    /// <summary>
    /// Host names (or IP literals) that may be private, loopback or link-local, e.g. <c>intranet.local</c>;
    /// <c>*.corp.example</c> allows sub-domains. Only the host named in the URL is allowed: a redirect to
    /// another private host is still refused.
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>The User-Agent header sent.</summary>
    public string UserAgent { get; set; } = "Mozilla/5.0 (compatible; AgentsFetch/1.0; +https://github.com/)";

    /// <summary>Resolves a host name to addresses; null uses the system resolver (tests replace it).</summary>
    internal Func<string, CancellationToken, Task<IPAddress[]>>? Resolver { get; set; }

    /// <summary>Returns a copy of these options.</summary>
    public WebFetchOptions Clone()
    {
        var copy = (WebFetchOptions)MemberwiseClone();
        copy.AllowedHosts = new List<string>(AllowedHosts);
        return copy;
    }
}
