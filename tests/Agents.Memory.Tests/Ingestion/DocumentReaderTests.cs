using Agents.Memory.Ingestion;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Agents.Memory.Tests.Ingestion;

public sealed class DocumentReaderTests
{
    [Fact]
    public async Task ReadAsync_Html_KeepsArticleDropsNavigationAndScripts()
    {
        using var dir = new TempDir();
        var article = string.Join("\n", Enumerable.Range(0, 8).Select(i => $"<p>The lighthouse keeper logged the storm surge carefully in paragraph {i}, noting wind, tide and the time of every wave that reached the rocks.</p>"));
        File.WriteAllText(dir.File("page.html"), $$"""
            <html><head><title>Storm log</title><script>var secret = "SCRIPTCODE";</script><style>.x{color:red}</style></head>
            <body><nav><a href="/">Home</a> <a href="/shop">NAVLINK Shop</a></nav>
            <article><h1>Storm log</h1>{{article}}</article>
            <footer>FOOTERTEXT copyright</footer></body></html>
            """);
        var doc = await DocumentReader.ReadAsync(dir.File("page.html"));
        Assert.Contains("lighthouse keeper", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("SCRIPTCODE", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("NAVLINK", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Markdown_StripsMarkupKeepsText()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("a.md"), "# Title\n\nSome **bold** and _italic_ text with a [link](https://example.com/x).\n\n```csharp\nvar x = 1;\n```\n");
        var doc = await DocumentReader.ReadAsync(dir.File("a.md"));
        Assert.Contains("Title", doc.Text, StringComparison.Ordinal);
        Assert.Contains("Some bold and italic text with a link.", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("https://example.com", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("```", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Pdf_ExtractsPageText()
    {
        using var dir = new TempDir();
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.AddText("Photosynthesis turns light into sugar.", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        var page2 = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page2.AddText("Second page about mitochondria.", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        File.WriteAllBytes(dir.File("doc.pdf"), builder.Build());
        var doc = await DocumentReader.ReadAsync(dir.File("doc.pdf"));
        Assert.Contains("Photosynthesis turns light into sugar.", doc.Text, StringComparison.Ordinal);
        Assert.Contains("mitochondria", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_BrokenPdf_ThrowsNamingTheFile()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("broken.pdf"), "%PDF-1.4 not really");
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => DocumentReader.ReadAsync(dir.File("broken.pdf")));
        Assert.Contains("broken.pdf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TooLargeOrUnknown_ThrowsClearly()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("big.txt"), new string('a', 2000));
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => DocumentReader.ReadAsync(dir.File("big.txt"), maxBytes: 1000));
        Assert.Contains("big.txt", ex.Message, StringComparison.Ordinal);
        File.WriteAllText(dir.File("x.exe"), "MZ");
        await Assert.ThrowsAsync<NotSupportedException>(() => DocumentReader.ReadAsync(dir.File("x.exe")));
        await Assert.ThrowsAsync<FileNotFoundException>(() => DocumentReader.ReadAsync(dir.File("missing.txt")));
    }
}
