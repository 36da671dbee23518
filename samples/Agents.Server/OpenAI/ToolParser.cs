using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agents.Server.OpenAI;

/// <summary>Turns OpenAI <c>tools</c> and <c>tool_choice</c> into function declarations and a tool mode.
/// The declarations reach the model's chat client unchanged; a local engine runs them through Core's text-action bridge.</summary>
public static class ToolParser
{
    private static readonly JsonElement EmptySchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    /// <summary>The declared tools, or null when none.</summary>
    public static IList<AITool>? ParseTools(JsonElement root)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (tools.ValueKind != JsonValueKind.Array)
        {
            throw OpenAIRequestException.BadField("tools", "'tools' must be an array.");
        }

        var result = new List<AITool>();
        var i = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var path = $"tools[{i++}]";
            if (tool.ValueKind != JsonValueKind.Object || ChatRequestParser.OptionalString(tool, "type") != "function"
                || !tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
            {
                throw OpenAIRequestException.BadField(path, $"'{path}' must be {{\"type\":\"function\",\"function\":{{...}}}}.");
            }

            var name = ChatRequestParser.OptionalString(function, "name");
            if (string.IsNullOrWhiteSpace(name))
            {
                throw OpenAIRequestException.BadField($"{path}.function.name", $"'{path}.function.name' is required.");
            }

            var schema = function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object ? parameters.Clone() : EmptySchema;
            result.Add(AIFunctionFactory.CreateDeclaration(name, ChatRequestParser.OptionalString(function, "description") ?? string.Empty, schema));
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>The tool mode asked by <c>tool_choice</c>, or null.</summary>
    public static ChatToolMode? ParseToolChoice(JsonElement root)
    {
        if (!root.TryGetProperty("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch
            {
                "none" => ChatToolMode.None,
                "auto" => ChatToolMode.Auto,
                "required" => ChatToolMode.RequireAny,
                var other => throw OpenAIRequestException.BadField("tool_choice", $"'tool_choice' must be none, auto, required or a function (got '{other}')."),
            };
        }

        if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object
            && ChatRequestParser.OptionalString(f, "name") is { Length: > 0 } name)
        {
            return ChatToolMode.RequireSpecific(name);
        }

        throw OpenAIRequestException.BadField("tool_choice", "'tool_choice' must be none, auto, required or {\"type\":\"function\",\"function\":{\"name\":...}}.");
    }
}
