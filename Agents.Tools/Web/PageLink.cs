namespace Agents.Tools.Web;

/// <summary>A link found on a page.</summary>
/// <param name="Text">The link text (whitespace collapsed; may be empty).</param>
/// <param name="Url">The absolute http(s) URL.</param>
public sealed record PageLink(string Text, string Url);
