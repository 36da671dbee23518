using Microsoft.Extensions.AI;

namespace Agents.Core.Loop;

/// <summary>A tool call: what the model wrote (up to the end of its action) and the observation it got back.</summary>
/// <param name="ModelText">The model's reply up to the end of the action.</param>
/// <param name="Tool">The tool name.</param>
/// <param name="Input">The action input (null when none).</param>
/// <param name="Observation">The observation shown to the model.</param>
/// <param name="IsError">True when the call failed or was refused.</param>
/// <param name="XmlObservation">True to render the observation as an XML tag (XML action format).</param>
public sealed record ActionStep(string ModelText, string Tool, string? Input, string Observation, bool IsError, bool XmlObservation = false) : AgentStep
{
    /// <inheritdoc />
    public override IEnumerable<ChatMessage> ToMessages() => [new ChatMessage(ChatRole.Assistant, ModelText), RenderObservation(Observation, XmlObservation)];
}
