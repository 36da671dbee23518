namespace Agents.Tools.Web.Search;

/// <summary>One search hit.</summary>
/// <param name="Title">The result title.</param>
/// <param name="Url">The target URL (redirect wrappers removed).</param>
/// <param name="Snippet">The text snippet (plain text).</param>
public sealed record WebSearchResult(string Title, string Url, string Snippet);
