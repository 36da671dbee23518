using Microsoft.Extensions.AI;

namespace Agents.Core.Loop;

/// <summary>The model's final answer.</summary>
/// <param name="ModelText">The model's reply.</param>
/// <param name="Answer">The answer extracted from it.</param>
public sealed record FinalAnswerStep(string ModelText, string Answer) : AgentStep
{
    /// <inheritdoc />
    public override IEnumerable<ChatMessage> ToMessages() => [new ChatMessage(ChatRole.Assistant, ModelText)];
}
