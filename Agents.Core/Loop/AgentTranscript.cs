using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Agents.Core.Loop;

/// <summary>
/// The state of a conversation with an agent: a list of typed steps. The runner holds no state of its own,
/// so a transcript can be saved (<see cref="ToJson"/>), restored (<see cref="FromJson"/>) and continued with another task.
/// </summary>
public sealed class AgentTranscript
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>The steps, oldest first.</summary>
    public List<AgentStep> Steps { get; init; } = [];

    /// <summary>Renders every step to chat messages, oldest first.</summary>
    public IEnumerable<ChatMessage> ToMessages() => Steps.SelectMany(s => s.ToMessages());

    /// <summary>Serializes the transcript as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a transcript written by <see cref="ToJson"/>.</summary>
    public static AgentTranscript FromJson(string json) =>
        JsonSerializer.Deserialize<AgentTranscript>(json, Json) ?? throw new JsonException("The transcript JSON is null.");
}
