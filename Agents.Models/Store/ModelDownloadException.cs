namespace Agents.Models.Store;

/// <summary>A model download failed; carries the URL and, for HTTP errors, the status code.</summary>
public class ModelDownloadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="uri">The URL being downloaded.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status code, when the server answered with an error.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ModelDownloadException(Uri uri, string message, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Uri = uri;
        StatusCode = statusCode;
    }

    /// <summary>The URL being downloaded.</summary>
    public Uri Uri { get; }

    /// <summary>The HTTP status code, when the server answered with an error.</summary>
    public int? StatusCode { get; }
}
