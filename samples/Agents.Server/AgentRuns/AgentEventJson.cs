using System.Text.Json;
using Agents.Core.Loop;
using Agents.Server.OpenAI;

namespace Agents.Server.AgentRuns;

/// <summary>One agent-loop event as the JSON of an SSE <c>data:</c> line:
/// <c>{"type": text|thought|tool_call|tool_result|memory_write|parse_error|final_answer|stopped, "step", ...}</c>.</summary>
public static class AgentEventJson
{
    /// <summary>Serializes <paramref name="agentEvent"/>.</summary>
    public static byte[] Write(AgentEvent agentEvent)
    {
        ArgumentNullException.ThrowIfNull(agentEvent);
        return ChatJson.Write(w =>
        {
            switch (agentEvent)
            {
                case TextDeltaEvent e:
                    Head(w, "text", e.Step);
                    w.WriteString("text", e.Text);
                    break;
                case ThoughtEvent e:
                    Head(w, "thought", e.Step);
                    w.WriteString("text", e.Text);
                    break;
                case ToolCallEvent e:
                    Head(w, "tool_call", e.Step);
                    w.WriteString("call_id", e.CallId);
                    w.WriteString("tool", e.Tool);
                    w.WriteString("text", e.Arguments?.ToJsonString() ?? e.Input ?? string.Empty);
                    break;
                case ToolResultEvent e:
                    Head(w, "tool_result", e.Step);
                    w.WriteString("call_id", e.CallId);
                    w.WriteString("tool", e.Tool);
                    w.WriteString("text", e.Observation);
                    w.WriteBoolean("is_error", e.IsError);
                    break;
                case MemoryWriteEvent e:
                    Head(w, "memory_write", e.Step);
                    w.WriteString("id", e.Id);
                    w.WriteString("text", e.Entry.Text);
                    break;
                case ParseErrorEvent e:
                    Head(w, "parse_error", e.Step);
                    w.WriteString("text", e.Message);
                    break;
                case FinalAnswerEvent e:
                    Head(w, "final_answer", e.Step);
                    w.WriteString("text", e.Answer);
                    break;
                case StoppedEvent e:
                    Head(w, "stopped", e.Step);
                    w.WriteString("reason", JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Reason.ToString()));
                    w.WriteString("text", e.Message);
                    break;
                default:
                    Head(w, JsonNamingPolicy.SnakeCaseLower.ConvertName(agentEvent.GetType().Name.Replace("Event", string.Empty, StringComparison.Ordinal)), agentEvent.Step);
                    w.WriteString("text", agentEvent.ToString());
                    break;
            }
        });
    }

    private static void Head(Utf8JsonWriter w, string type, int step)
    {
        w.WriteString("type", type);
        w.WriteNumber("step", step);
    }
}
