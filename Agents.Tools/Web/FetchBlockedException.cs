namespace Agents.Tools.Web;

/// <summary>A fetch was refused by the address guard. The message starts with <c>blocked:</c> and says why.</summary>
public sealed class FetchBlockedException : ToolException
{
    /// <summary>Creates the refusal; <paramref name="reason"/> is what follows <c>blocked: </c>.</summary>
    public FetchBlockedException(string reason, string url)
        : base(FetchPageTool.ToolName, "blocked: " + reason)
    {
        Url = url;
    }

    /// <summary>Creates a refusal with no URL.</summary>
    public FetchBlockedException()
        : this("the URL was refused.", string.Empty)
    {
    }

    /// <summary>Creates a refusal with no URL.</summary>
    public FetchBlockedException(string reason)
        : this(reason, string.Empty)
    {
    }

    /// <summary>Creates a refusal with no URL.</summary>
    public FetchBlockedException(string reason, Exception innerException)
        : base(FetchPageTool.ToolName, "blocked: " + reason, innerException)
    {
        Url = string.Empty;
    }

    /// <summary>The URL (or host) that was refused, control characters removed.</summary>
    public string Url { get; }
}
