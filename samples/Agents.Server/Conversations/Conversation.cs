namespace Agents.Server.Conversations;

/// <summary>A saved conversation with its messages.</summary>
/// <param name="Id">Opaque id.</param>
/// <param name="Title">Title.</param>
/// <param name="Model">Model or recipe last used.</param>
/// <param name="Updated">Last change, Unix milliseconds.</param>
/// <param name="Messages">Messages in order.</param>
public sealed record Conversation(string Id, string Title, string? Model, long Updated, IReadOnlyList<ConversationMessage> Messages);
