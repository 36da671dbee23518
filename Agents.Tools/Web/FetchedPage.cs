namespace Agents.Tools.Web;

/// <summary>What <c>fetch_page</c> read: the final URL after redirects, title, main text and links.</summary>
/// <param name="Url">The final URL (after redirects).</param>
/// <param name="ContentType">The media type, e.g. <c>text/html</c> or <c>application/pdf</c>.</param>
/// <param name="Title">The title (may be empty).</param>
/// <param name="Text">The readable text (main content of a page, text of a PDF).</param>
/// <param name="Links">Links found (HTML only).</param>
/// <param name="Redirects">How many redirects were followed.</param>
public sealed record FetchedPage(Uri Url, string ContentType, string Title, string Text, IReadOnlyList<PageLink> Links, int Redirects);
