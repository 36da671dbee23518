namespace Agents.Memory.Ingestion;

/// <summary>Plain text taken out of a file, with where it came from.</summary>
/// <param name="Source">The file path or URL.</param>
/// <param name="Text">The main text (for HTML: the article, without navigation; for PDF: pages in reading order).</param>
/// <param name="Title">A title when the format has one.</param>
public sealed record ExtractedDocument(string Source, string Text, string? Title = null);
