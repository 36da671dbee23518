using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agents.Tools;

/// <summary>
/// Runs a tool from a JSON argument object and answers with one JSON line, as <c>agents tool</c> prints it:
/// <c>{"ok":true,"result":…}</c> or <c>{"ok":false,"error":"…"}</c>. Tool errors, bad JSON and unexpected
/// failures all become <c>ok:false</c> lines; only cancellation propagates.
/// </summary>
public static class ToolJsonInvoker
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Invokes <paramref name="tool"/> with <paramref name="jsonArguments"/> (a JSON object; empty means no arguments).</summary>
    /// <returns>Whether the call succeeded, and the JSON line (without a newline).</returns>
    public static async Task<(bool Ok, string Line)> InvokeAsync(AIFunction tool, string jsonArguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(jsonArguments);
        AIFunctionArguments arguments;
        try
        {
            arguments = Parse(jsonArguments);
        }
        catch (JsonException e)
        {
            return (false, Error($"invalid JSON arguments: {e.Message}"));
        }
        catch (FormatException e)
        {
            return (false, Error(e.Message));
        }

        try
        {
            var result = await tool.InvokeAsync(arguments, cancellationToken).ConfigureAwait(false);
            return (true, Success(result));
        }
        catch (ToolException e)
        {
            return (false, Error(e.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (false, Error($"the tool failed unexpectedly ({e.GetType().Name}): {e.Message}"));
        }
    }

    private static AIFunctionArguments Parse(string json)
    {
        var arguments = new AIFunctionArguments();
        if (string.IsNullOrWhiteSpace(json))
        {
            return arguments;
        }

        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"the arguments must be a JSON object like {{\"name\": value}}, not a {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
        }

        foreach (var property in doc.RootElement.EnumerateObject())
        {
            arguments[property.Name] = property.Value.Clone();
        }

        return arguments;
    }

    private static string Success(object? result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ok", true);
            writer.WritePropertyName("result");
            switch (result)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string s:
                    writer.WriteStringValue(s);
                    break;
                case JsonElement e:
                    e.WriteTo(writer);
                    break;
                default:
                    JsonSerializer.SerializeToElement(result, result.GetType()).WriteTo(writer);
                    break;
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Formats an error line: <c>{"ok":false,"error":"…"}</c>.</summary>
    public static string Error(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ok", false);
            writer.WriteString("error", message);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
