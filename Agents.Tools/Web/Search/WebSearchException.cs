namespace Agents.Tools.Web.Search;

/// <summary>A search provider failed; <see cref="RateLimited"/> tells a rate-limit or captcha answer apart.</summary>
public sealed class WebSearchException : ToolException
{
    /// <summary>Creates the error.</summary>
    public WebSearchException(string provider, string message, bool rateLimited = false, Exception? innerException = null)
        : base(WebSearchTool.ToolName, message, innerException)
    {
        Provider = provider;
        RateLimited = rateLimited;
    }

    /// <summary>Creates an error with no provider.</summary>
    public WebSearchException()
        : this(string.Empty, "The search failed.")
    {
    }

    /// <summary>Creates an error with no provider.</summary>
    public WebSearchException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates an error with no provider.</summary>
    public WebSearchException(string message, Exception innerException)
        : this(string.Empty, message, false, innerException)
    {
    }

    /// <summary>The provider that failed.</summary>
    public string Provider { get; }

    /// <summary>True when the provider answered with a rate-limit or captcha page.</summary>
    public bool RateLimited { get; }
}
