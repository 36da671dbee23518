using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agents.Server.OpenAI;

/// <summary>Turns OpenAI request JSON into messages and <see cref="ChatOptions"/>; refuses what it cannot honour
/// (a parameter is never accepted and then ignored).</summary>
public static class ChatRequestParser
{
    /// <summary>Key in <see cref="ChatOptions.AdditionalProperties"/> that marks a raw text completion (no chat template).</summary>
    public const string RawPromptKey = "agents.raw_prompt";

    /// <summary>Parses a chat completions request.</summary>
    public static ChatRequest ParseChat(JsonElement root, int maxMessages)
    {
        if (!root.TryGetProperty("messages", out var messagesElement) || messagesElement.ValueKind == JsonValueKind.Null)
        {
            throw new OpenAIRequestException(400, "Missing required parameter: 'messages'.", "invalid_request_error", "missing_required_parameter", "messages");
        }

        if (messagesElement.ValueKind != JsonValueKind.Array || messagesElement.GetArrayLength() == 0)
        {
            throw OpenAIRequestException.BadField("messages", "'messages' must be a non-empty array.");
        }

        if (messagesElement.GetArrayLength() > maxMessages)
        {
            throw OpenAIRequestException.BadField("messages", $"'messages' has {messagesElement.GetArrayLength()} items; this server accepts at most {maxMessages}.");
        }

        var messages = new List<ChatMessage>();
        var index = 0;
        foreach (var item in messagesElement.EnumerateArray())
        {
            messages.Add(MessageParser.Parse(item, $"messages[{index}]"));
            index++;
        }

        var options = ParseOptions(root);
        options.Tools = ToolParser.ParseTools(root);
        options.ToolMode = ToolParser.ParseToolChoice(root);
        options.ResponseFormat = ParseResponseFormat(root);
        var maxCompletion = OptionalInt(root, "max_completion_tokens", 1);
        if (maxCompletion is not null)
        {
            options.MaxOutputTokens = maxCompletion;
        }

        var (stream, includeUsage) = ParseStream(root);
        return new ChatRequest(OptionalString(root, "model"), messages, options, stream, includeUsage);
    }

    /// <summary>Parses a legacy text completions request (one prompt string).</summary>
    public static ChatRequest ParseCompletion(JsonElement root)
    {
        if (!root.TryGetProperty("prompt", out var prompt) || prompt.ValueKind == JsonValueKind.Null)
        {
            throw new OpenAIRequestException(400, "Missing required parameter: 'prompt'.", "invalid_request_error", "missing_required_parameter", "prompt");
        }

        var text = prompt.ValueKind switch
        {
            JsonValueKind.String => prompt.GetString()!,
            JsonValueKind.Array when prompt.GetArrayLength() == 1 && prompt[0].ValueKind == JsonValueKind.String => prompt[0].GetString()!,
            _ => throw OpenAIRequestException.BadField("prompt", "'prompt' must be a string (or an array holding one string); token arrays and batches are not supported."),
        };

        var options = ParseOptions(root);
        options.AdditionalProperties ??= [];
        options.AdditionalProperties[RawPromptKey] = true;
        if (root.TryGetProperty("echo", out var echo) && echo.ValueKind == JsonValueKind.True)
        {
            throw OpenAIRequestException.BadField("echo", "'echo' is not supported.");
        }

        var (stream, includeUsage) = ParseStream(root);
        return new ChatRequest(OptionalString(root, "model"), [new ChatMessage(ChatRole.User, text)], options, stream, includeUsage);
    }

    /// <summary>The optional string field <paramref name="name"/>, or a 400 when it has another type.</summary>
    public static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw OpenAIRequestException.BadField(name, $"'{name}' must be a string.");
    }

    private static ChatOptions ParseOptions(JsonElement root)
    {
        var options = new ChatOptions
        {
            MaxOutputTokens = OptionalInt(root, "max_tokens", 1),
            Temperature = OptionalFloat(root, "temperature", 0, 2),
            TopP = OptionalFloat(root, "top_p", 0, 1),
            FrequencyPenalty = OptionalFloat(root, "frequency_penalty", -2, 2),
            PresencePenalty = OptionalFloat(root, "presence_penalty", -2, 2),
            TopK = OptionalInt(root, "top_k", 1),
            StopSequences = ParseStop(root),
        };
        if (root.TryGetProperty("seed", out var seed) && seed.ValueKind != JsonValueKind.Null)
        {
            options.Seed = seed.ValueKind == JsonValueKind.Number && seed.TryGetInt64(out var s) ? s : throw OpenAIRequestException.BadField("seed", "'seed' must be an integer.");
        }

        if (OptionalInt(root, "n", 1) is > 1)
        {
            throw OpenAIRequestException.BadField("n", "Only n=1 is supported.");
        }

        if (root.TryGetProperty("logprobs", out var logprobs) && (logprobs.ValueKind == JsonValueKind.True || logprobs.ValueKind == JsonValueKind.Number))
        {
            throw OpenAIRequestException.BadField("logprobs", "'logprobs' is not supported by this server.");
        }

        return options;
    }

    private static (bool Stream, bool IncludeUsage) ParseStream(JsonElement root)
    {
        var stream = root.TryGetProperty("stream", out var s) && s.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw OpenAIRequestException.BadField("stream", "'stream' must be a boolean."),
        };
        var includeUsage = root.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
            && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;
        return (stream, includeUsage);
    }

    private static List<string>? ParseStop(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (stop.ValueKind == JsonValueKind.String)
        {
            return [stop.GetString()!];
        }

        if (stop.ValueKind != JsonValueKind.Array || stop.GetArrayLength() > 4 || stop.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || e.GetString()!.Length == 0))
        {
            throw OpenAIRequestException.BadField("stop", "'stop' must be a string or an array of at most 4 non-empty strings.");
        }

        return stop.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private static ChatResponseFormat? ParseResponseFormat(JsonElement root)
    {
        if (!root.TryGetProperty("response_format", out var format) || format.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var type = format.ValueKind == JsonValueKind.Object ? OptionalString(format, "type") : null;
        switch (type)
        {
            case "text":
                return ChatResponseFormat.Text;
            case "json_object":
                return ChatResponseFormat.Json;
            case "json_schema":
                if (!format.TryGetProperty("json_schema", out var js) || js.ValueKind != JsonValueKind.Object
                    || !js.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
                {
                    throw OpenAIRequestException.BadField("response_format", "'response_format.json_schema.schema' must be a JSON Schema object.");
                }

                return ChatResponseFormat.ForJsonSchema(schema.Clone(), OptionalString(js, "name"), OptionalString(js, "description"));
            default:
                throw OpenAIRequestException.BadField("response_format", "'response_format.type' must be 'text', 'json_object' or 'json_schema'.");
        }
    }

    private static int? OptionalInt(JsonElement root, string name, int min)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var result) || result < min)
        {
            throw OpenAIRequestException.BadField(name, $"'{name}' must be an integer of at least {min}.");
        }

        return result;
    }

    private static float? OptionalFloat(JsonElement root, string name, float min, float max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var result) || result < min || result > max)
        {
            throw OpenAIRequestException.BadField(name, $"'{name}' must be a number between {min} and {max}.");
        }

        return (float)result;
    }
}
