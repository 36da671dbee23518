namespace Agents.Server.OpenAI;

/// <summary>A request the server refuses, carrying the HTTP status and OpenAI error fields to answer with.</summary>
public sealed class OpenAIRequestException : Exception
{
    /// <summary>Creates the error.</summary>
    public OpenAIRequestException(int statusCode, string message, string type = "invalid_request_error", string? code = null, string? param = null)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorType = type;
        Code = code;
        Param = param;
    }

    /// <summary>Creates a generic error (prefer the constructor with a status).</summary>
    public OpenAIRequestException() : this(400, "Bad request.") { }

    /// <summary>Creates a 400 error with a message.</summary>
    public OpenAIRequestException(string message) : this(400, message) { }

    /// <summary>Creates a 400 error wrapping another exception.</summary>
    public OpenAIRequestException(string message, Exception innerException) : base(message, innerException)
    {
        StatusCode = 400;
        ErrorType = "invalid_request_error";
    }

    /// <summary>HTTP status to answer with.</summary>
    public int StatusCode { get; }

    /// <summary>OpenAI's <c>error.type</c>.</summary>
    public string ErrorType { get; }

    /// <summary>OpenAI's <c>error.code</c>.</summary>
    public string? Code { get; }

    /// <summary>OpenAI's <c>error.param</c>: the request field at fault.</summary>
    public string? Param { get; }

    /// <summary>A 400 naming the field at fault.</summary>
    public static OpenAIRequestException BadField(string param, string message) => new(400, message, "invalid_request_error", "invalid_value", param);
}
