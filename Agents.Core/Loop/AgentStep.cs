using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Agents.Core.Loop;

/// <summary>One step of a transcript. Steps are plain data (serializable as JSON) and render themselves to chat messages.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TaskStep), "task")]
[JsonDerivedType(typeof(ActionStep), "action")]
[JsonDerivedType(typeof(CorrectionStep), "correction")]
[JsonDerivedType(typeof(FinalAnswerStep), "final")]
public abstract record AgentStep
{
    /// <summary>The messages this step contributes to the next prompt.</summary>
    public abstract IEnumerable<ChatMessage> ToMessages();

    /// <summary>Renders an observation as the model expects it after an action in <paramref name="xml"/> or text format.</summary>
    protected static ChatMessage RenderObservation(string text, bool xml) =>
        new(ChatRole.User, xml ? $"<observation>{text}</observation>" : $"Observation: {text}");
}
