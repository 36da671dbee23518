namespace Agents.Server.Conversations;

/// <summary>One saved message.</summary>
/// <param name="Role">user, assistant or system.</param>
/// <param name="Content">The text (for the assistant: the model's raw output, rendered by the page).</param>
/// <param name="Meta">Optional JSON text the page keeps with the message (agent steps, tokens/s).</param>
public sealed record ConversationMessage(string Role, string Content, string? Meta = null);
