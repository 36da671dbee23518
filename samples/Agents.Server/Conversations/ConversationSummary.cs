namespace Agents.Server.Conversations;

/// <summary>One saved conversation in the page's list.</summary>
/// <param name="Id">Opaque id.</param>
/// <param name="Title">Title shown in the list.</param>
/// <param name="Model">Model or recipe last used.</param>
/// <param name="Updated">Last change, Unix milliseconds.</param>
public sealed record ConversationSummary(string Id, string Title, string? Model, long Updated);
