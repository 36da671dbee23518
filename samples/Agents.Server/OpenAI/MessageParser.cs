using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agents.Server.OpenAI;

/// <summary>Parses one OpenAI chat message (text content, tool calls, tool results) into a <see cref="ChatMessage"/>.</summary>
public static class MessageParser
{
    /// <summary>Parses <paramref name="item"/>; <paramref name="path"/> (for example <c>messages[2]</c>) names it in errors.</summary>
    public static ChatMessage Parse(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw OpenAIRequestException.BadField(path, $"'{path}' must be an object.");
        }

        var roleName = ChatRequestParser.OptionalString(item, "role")
            ?? throw new OpenAIRequestException(400, $"Missing required parameter: '{path}.role'.", "invalid_request_error", "missing_required_parameter", $"{path}.role");
        var role = roleName switch
        {
            "system" or "developer" => ChatRole.System,
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            "tool" => ChatRole.Tool,
            _ => throw OpenAIRequestException.BadField($"{path}.role", $"'{path}.role' must be one of system, developer, user, assistant, tool (got '{roleName}')."),
        };

        var text = ParseContent(item, path);
        var message = new ChatMessage { Role = role, AuthorName = ChatRequestParser.OptionalString(item, "name") };
        if (role == ChatRole.Tool)
        {
            var callId = ChatRequestParser.OptionalString(item, "tool_call_id")
                ?? throw new OpenAIRequestException(400, $"Missing required parameter: '{path}.tool_call_id'.", "invalid_request_error", "missing_required_parameter", $"{path}.tool_call_id");
            message.Contents.Add(new FunctionResultContent(callId, text ?? string.Empty));
            return message;
        }

        if (!string.IsNullOrEmpty(text))
        {
            message.Contents.Add(new TextContent(text));
        }

        if (role == ChatRole.Assistant && item.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var call in calls.EnumerateArray())
            {
                message.Contents.Add(ParseToolCall(call, $"{path}.tool_calls[{i++}]"));
            }
        }

        if (message.Contents.Count == 0 && role != ChatRole.Assistant)
        {
            throw OpenAIRequestException.BadField($"{path}.content", $"'{path}.content' must not be empty.");
        }

        return message;
    }

    private static string? ParseContent(JsonElement item, string path)
    {
        if (!item.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString();
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw OpenAIRequestException.BadField($"{path}.content", $"'{path}.content' must be a string or an array of content parts.");
        }

        var text = new StringBuilder();
        var i = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partPath = $"{path}.content[{i++}]";
            var type = part.ValueKind == JsonValueKind.Object ? ChatRequestParser.OptionalString(part, "type") : null;
            if (type != "text")
            {
                throw OpenAIRequestException.BadField(partPath, $"'{partPath}': only text content parts are supported (got '{type ?? part.ValueKind.ToString()}').");
            }

            text.Append(ChatRequestParser.OptionalString(part, "text"));
        }

        return text.ToString();
    }

    private static FunctionCallContent ParseToolCall(JsonElement call, string path)
    {
        if (call.ValueKind != JsonValueKind.Object || !call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
        {
            throw OpenAIRequestException.BadField(path, $"'{path}' must be an object with a 'function'.");
        }

        var id = ChatRequestParser.OptionalString(call, "id") ?? throw OpenAIRequestException.BadField($"{path}.id", $"'{path}.id' is required.");
        var name = ChatRequestParser.OptionalString(function, "name") ?? throw OpenAIRequestException.BadField($"{path}.function.name", $"'{path}.function.name' is required.");
        var argumentsJson = ChatRequestParser.OptionalString(function, "arguments");
        Dictionary<string, object?>? arguments = null;
        if (!string.IsNullOrWhiteSpace(argumentsJson))
        {
            try
            {
                using var doc = JsonDocument.Parse(argumentsJson);
                arguments = doc.RootElement.ValueKind == JsonValueKind.Object
                    ? doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
                    : throw OpenAIRequestException.BadField($"{path}.function.arguments", $"'{path}.function.arguments' must hold a JSON object.");
            }
            catch (JsonException ex)
            {
                throw OpenAIRequestException.BadField($"{path}.function.arguments", $"'{path}.function.arguments' is not valid JSON: {ex.Message}");
            }
        }

        return new FunctionCallContent(id, name, arguments);
    }
}
