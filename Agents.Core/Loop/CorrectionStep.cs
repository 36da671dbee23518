using Microsoft.Extensions.AI;

namespace Agents.Core.Loop;

/// <summary>A reply that could not be read, and the correction sent back to the model.</summary>
/// <param name="ModelText">The model's reply.</param>
/// <param name="Correction">What was wrong and how to write it.</param>
/// <param name="XmlObservation">True to render the correction as an XML tag (XML action format).</param>
public sealed record CorrectionStep(string ModelText, string Correction, bool XmlObservation = false) : AgentStep
{
    /// <inheritdoc />
    public override IEnumerable<ChatMessage> ToMessages() => [new ChatMessage(ChatRole.Assistant, ModelText), RenderObservation(Correction, XmlObservation)];
}
