using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Agents.Server.OpenAI;

/// <summary>Reads a JSON request body within Kestrel's size limit and turns every failure into an OpenAI error.</summary>
public static class RequestBody
{
    /// <summary>Parses the body; 413 when too large, 400 when not a JSON object.</summary>
    public static async Task<JsonDocument> ReadJsonObjectAsync(HttpContext context, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : string.Empty;
            throw new OpenAIRequestException(400, $"We could not parse the JSON body of your request{where}. ({ex.Message})", "invalid_request_error", "invalid_json");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new OpenAIRequestException(400, "The request body must be a JSON object.", "invalid_request_error", "invalid_json");
        }

        return document;
    }

    private static OpenAIRequestException TooLarge(long maxBytes) =>
        new(413, $"The request body is larger than the server's limit of {maxBytes} bytes.", "invalid_request_error", "request_too_large");
}
