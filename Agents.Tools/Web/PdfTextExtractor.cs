using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Agents.Tools.Web;

/// <summary>Reads the title and text of a PDF with PdfPig, page by page, up to a page limit.</summary>
internal static class PdfTextExtractor
{
    public static (string Title, string Text) Extract(byte[] bytes, int maxPages)
    {
        try
        {
            using var pdf = PdfDocument.Open(bytes);
            var sb = new StringBuilder();
            var pages = Math.Min(pdf.NumberOfPages, maxPages);
            for (var i = 1; i <= pages; i++)
            {
                var page = pdf.GetPage(i);
                var text = ContentOrderTextExtractor.GetText(page);
                if (sb.Length > 0)
                {
                    sb.Append("\n\n");
                }

                sb.Append(HtmlPageExtractor.Normalize(text));
            }

            if (pdf.NumberOfPages > pages)
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n\n[… {pdf.NumberOfPages - pages} more pages not read (limit {maxPages})]");
            }

            return (pdf.Information?.Title?.Trim() ?? string.Empty, sb.ToString());
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            throw new ToolException(FetchPageTool.ToolName, $"the PDF could not be read ({e.GetType().Name}).", e);
        }
    }
}
