using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Agents.Server.OpenAI;

/// <summary>Writes errors in OpenAI's shape: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public static class OpenAIErrors
{
    /// <summary>Writes the error as the whole response (only before anything else was sent).</summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, string message, string type, string? code, string? param = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(ToJson(message, type, code, param)).ConfigureAwait(false);
    }

    /// <summary>Writes an <see cref="OpenAIRequestException"/> as the whole response.</summary>
    public static Task WriteAsync(HttpContext context, OpenAIRequestException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return WriteAsync(context, error.StatusCode, error.Message, error.ErrorType, error.Code, error.Param);
    }

    /// <summary>The error object as UTF-8 JSON.</summary>
    public static byte[] ToJson(string message, string type, string? code, string? param = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteString("type", type);
            WriteNullable(writer, "param", param);
            WriteNullable(writer, "code", code);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
