using Storefront.Downloads.Stamping;
using Storefront.Stamping.Tests.Support;

namespace Storefront.Stamping.Tests;

/// <summary>The footer lands upright inside the visible area whatever the page's boxes, rotation and inheritance.</summary>
public sealed class GeometryTests
{
    private static readonly PdfStamper Stamper = new();
    // The email is the longest word of the line, the easiest to find again on a page: these tests stamp the wording that shows it.
    private static readonly StampRequest Buyer = new("Priya Sharma", "priya@example.com", "1042", "ent-geometry") { Template = StampTemplate.WithEmail };

    public static TheoryData<int> Rotations => new() { 0, 90, 180, 270, -90, 450 };

    [Theory]
    [MemberData(nameof(Rotations))]
    public void TheFooterIsUprightAtTheBottomOfTheCropBoxOnARotatedPageWithANegativeOrigin(int rotate)
    {
        var master = PdfBuilder.Document(
            ("BT /F1 18 Tf 0 300 Td (Body text of the page) Tj ET",
             $"/MediaBox [-100 -50 500 700] /CropBox [-60 -20 440 660] /Rotate {rotate}"));

        var copy = Stamped(master);

        var page = PdfChecks.Words(copy).Single();
        var expectedWidth = ((rotate % 360) + 360) % 360 is 90 or 270 ? 680 : 500;
        Assert.Equal(expectedWidth, page.Width, 1);
        AssertFooterUprightAtBottom(page);
    }

    [Fact]
    public void PagesInheritingTheirBoxRotationAndResourcesFromThePageTreeAreStampedInsideTheirVisibleArea()
    {
        var master = PdfBuilder.Document(
            "/MediaBox [0 0 300 500] /CropBox [20 30 280 480] /Rotate 90",
            ("BT /F1 12 Tf 40 200 Td (First) Tj ET", ""),
            ("BT /F1 12 Tf 40 200 Td (Second) Tj ET", "/Rotate 0"));

        var copy = Stamped(master);

        var pages = PdfChecks.Words(copy);
        Assert.Equal(450, pages[0].Width, 1);
        Assert.Equal(260, pages[1].Width, 1);
        Assert.All(pages, AssertFooterUprightAtBottom);
        Assert.Equal([new PageInfo(260, 450, 90), new PageInfo(260, 450, 0)], PdfChecks.Pages(copy).Select(p => p with { Width = Math.Round(p.Width), Height = Math.Round(p.Height) }));
    }

    [Fact]
    public void APageTreeWithAWrongCountIsRebuiltSoReadersSeeExactlyTheStampedPages()
    {
        var master = PdfBuilder.Document("/MediaBox [0 0 300 400] /Count 9",
            ("BT /F1 12 Tf 40 200 Td (One) Tj ET", ""), ("BT /F1 12 Tf 40 200 Td (Two) Tj ET", ""));

        var copy = Stamped(master);

        Assert.Equal(2, PdfChecks.Pages(copy).Count);
        Assert.All(PdfChecks.PageTexts(copy), text => Assert.Contains("priya@example.com", text, StringComparison.Ordinal));
    }

    [Fact]
    public void ATinyScannedPageGetsAFooterShrunkToFitInsideIt()
    {
        var copy = Stamped(Corpus.Get("scanned-ccitt-g4-bilevel-tiny-page.pdf").Read());

        var page = PdfChecks.Words(copy).Single();
        Assert.True(page.Width < 5);
        AssertFooterUprightAtBottom(page);
    }

    [Fact]
    public void TheFooterOnTheCorpusFileWithCropBoxesAndRotationsStaysInsideEachVisiblePage()
    {
        var copy = Stamped(Corpus.Get("nonzero-origin-mediabox-cropbox-and-rotations.pdf").Read());
        Assert.All(PdfChecks.Words(copy), AssertFooterUprightAtBottom);
    }

    internal static byte[] Stamped(byte[] master)
    {
        var result = Stamper.Stamp(master, Buyer);
        Assert.Equal(StampStatus.Stamped, result.Status);
        var copy = result.Output.ToArray();
        PdfChecks.AssertQpdfCheckPasses(copy);
        return copy;
    }

    /// <summary>
    /// pdftotext reports word boxes in display space (y down). An upright footer reads left to right,
    /// its words are wider than tall, and it sits in the bottom tenth of the page, inside the page.
    /// </summary>
    internal static void AssertFooterUprightAtBottom(PageWords page)
    {
        var licensed = page.Words.First(w => w.Text == "Licensed");
        var email = page.Words.First(w => w.Text == "priya@example.com");
        foreach (var word in new[] { licensed, email })
        {
            Assert.True(word.XMin >= -0.01 && word.XMax <= page.Width + 0.01, $"{word} outside width {page.Width}");
            Assert.True(word.YMin >= -0.01 && word.YMax <= page.Height + 0.01, $"{word} outside height {page.Height}");
            Assert.True(word.YMin > page.Height * 0.9, $"{word} is not at the bottom of a {page.Height}-high page");
            Assert.True(word.XMax - word.XMin > word.YMax - word.YMin, $"{word} is not horizontal");
        }
        Assert.True(licensed.XMax <= email.XMin, "footer does not read left to right");
    }
}
