using Microsoft.Extensions.AI;

namespace Agents.Core.Loop;

/// <summary>The task (or, in a conversation, the user's next message).</summary>
/// <param name="Task">The task text.</param>
public sealed record TaskStep(string Task) : AgentStep
{
    /// <inheritdoc />
    public override IEnumerable<ChatMessage> ToMessages() => [new ChatMessage(ChatRole.User, Task)];
}
