using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agents.Server.OpenAI;

/// <summary>Writes OpenAI response objects (<c>chat.completion</c>, <c>chat.completion.chunk</c>, <c>text_completion</c>)
/// field by field, so the wire format is exactly what clients parse.</summary>
public static class ChatJson
{
    /// <summary>A fresh id such as <c>chatcmpl-…</c>.</summary>
    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..24];

    /// <summary>Unix seconds now.</summary>
    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>OpenAI's finish_reason for an engine finish reason (null means the engine stopped on its own: <c>stop</c>).</summary>
    public static string FinishReason(ChatFinishReason? reason, bool hasToolCalls)
    {
        if (hasToolCalls)
        {
            return "tool_calls";
        }

        if (reason == ChatFinishReason.Length)
        {
            return "length";
        }

        return reason == ChatFinishReason.ContentFilter ? "content_filter" : "stop";
    }

    /// <summary>A complete non-streaming <c>chat.completion</c>.</summary>
    public static byte[] Completion(string id, long created, string model, ChatResponse response, TokenUsage usage)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(usage);
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        return Write(w =>
        {
            Header(w, id, "chat.completion", created, model);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            var text = response.Text;
            if (calls.Count > 0 && text.Length == 0)
            {
                w.WriteNull("content");
            }
            else
            {
                w.WriteString("content", text);
            }

            w.WriteNull("refusal");
            if (calls.Count > 0)
            {
                ToolCalls(w, calls, withIndex: false);
            }

            w.WriteEndObject();
            w.WriteNull("logprobs");
            w.WriteString("finish_reason", FinishReason(response.FinishReason, calls.Count > 0));
            w.WriteEndObject();
            w.WriteEndArray();
            Usage(w, usage);
        });
    }

    /// <summary>One <c>chat.completion.chunk</c> with a delta (role only when <paramref name="role"/> is set).</summary>
    public static byte[] Chunk(string id, long created, string model, string? role, string? content, IReadOnlyList<FunctionCallContent>? calls, string? finishReason, bool includeUsageField)
    {
        return Write(w =>
        {
            Header(w, id, "chat.completion.chunk", created, model);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            if (role is not null)
            {
                w.WriteString("role", role);
            }

            if (content is not null)
            {
                w.WriteString("content", content);
            }

            if (calls is { Count: > 0 })
            {
                ToolCalls(w, calls, withIndex: true);
            }

            w.WriteEndObject();
            w.WriteNull("logprobs");
            if (finishReason is null)
            {
                w.WriteNull("finish_reason");
            }
            else
            {
                w.WriteString("finish_reason", finishReason);
            }

            w.WriteEndObject();
            w.WriteEndArray();
            if (includeUsageField)
            {
                w.WriteNull("usage");
            }
        });
    }

    /// <summary>The final usage chunk of a stream: <c>choices: []</c> and <c>usage</c>.</summary>
    public static byte[] UsageChunk(string id, long created, string model, string objectName, TokenUsage usage)
    {
        return Write(w =>
        {
            Header(w, id, objectName, created, model);
            w.WriteStartArray("choices");
            w.WriteEndArray();
            Usage(w, usage);
        });
    }

    /// <summary>A <c>text_completion</c> object (whole response or one streamed piece).</summary>
    public static byte[] TextCompletion(string id, long created, string model, string text, string? finishReason, TokenUsage? usage, bool includeUsageField)
    {
        return Write(w =>
        {
            Header(w, id, "text_completion", created, model);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteString("text", text);
            w.WriteNumber("index", 0);
            w.WriteNull("logprobs");
            if (finishReason is null)
            {
                w.WriteNull("finish_reason");
            }
            else
            {
                w.WriteString("finish_reason", finishReason);
            }

            w.WriteEndObject();
            w.WriteEndArray();
            if (usage is not null)
            {
                Usage(w, usage);
            }
            else if (includeUsageField)
            {
                w.WriteNull("usage");
            }
        });
    }

    /// <summary>Runs <paramref name="body"/> on a fresh writer and returns the UTF-8 bytes.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Header(Utf8JsonWriter w, string id, string objectName, long created, string model)
    {
        w.WriteString("id", id);
        w.WriteString("object", objectName);
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteNull("system_fingerprint");
    }

    private static void Usage(Utf8JsonWriter w, TokenUsage usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", usage.PromptTokens);
        w.WriteNumber("completion_tokens", usage.CompletionTokens);
        w.WriteNumber("total_tokens", usage.PromptTokens + usage.CompletionTokens);
        w.WriteEndObject();
    }

    private static void ToolCalls(Utf8JsonWriter w, IReadOnlyList<FunctionCallContent> calls, bool withIndex)
    {
        w.WriteStartArray("tool_calls");
        for (var i = 0; i < calls.Count; i++)
        {
            w.WriteStartObject();
            if (withIndex)
            {
                w.WriteNumber("index", i);
            }

            w.WriteString("id", string.IsNullOrEmpty(calls[i].CallId) ? NewId("call_") : calls[i].CallId);
            w.WriteString("type", "function");
            w.WriteStartObject("function");
            w.WriteString("name", calls[i].Name);
            w.WriteString("arguments", JsonSerializer.Serialize(calls[i].Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
