using Storefront.Downloads.Stamping;
using Storefront.Stamping.Tests.Support;

namespace Storefront.Stamping.Tests;

/// <summary>Buyers' names in any script are drawn with real glyphs and extract back as the same text.</summary>
public sealed class UnicodeTests
{
    private static readonly PdfStamper Stamper = new();

    public static TheoryData<string, bool> Names => new()
    {
        { "Priya Sharma", false },
        { "Zoë Ünïcode", false },
        { "Łukasz Żółć", true },
        { "Дмитрий", true },
        { "李雷", true },
        { "Ἀθηνᾶ Παπαδοπούλου", true },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void TheBuyersNameExtractsBackFromEveryPageAndAFontIsEmbeddedOnlyWhenLatin1CannotDrawIt(string name, bool needsFont)
    {
        var master = PdfBuilder.TextDocument(3);

        var result = Stamper.Stamp(master, new StampRequest(name, "buyer@example.com", "77", "ent-unicode"));

        Assert.Equal(StampStatus.Stamped, result.Status);
        var copy = result.Output.ToArray();
        PdfChecks.AssertQpdfCheckPasses(copy);
        Assert.All(PdfChecks.PageTexts(copy), text => Assert.Contains($"Licensed to {name} · Order 77", text, StringComparison.Ordinal));
        var embedded = PdfChecks.Fonts(copy).Where(f => f.Embedded).Select(f => f.Name).ToList();
        if (needsFont)
        {
            Assert.NotEmpty(embedded);
            Assert.All(embedded, font => Assert.Matches("^[A-Z]{6}\\+", font));
        }
        else
        {
            Assert.Empty(embedded);
        }
        PdfChecks.AssertRenders(copy, 3);
    }

    [Fact]
    public void AnEmbeddedFontIsASubsetThatCostsKilobytesNotTheWholeFont()
    {
        var master = PdfBuilder.TextDocument(1);
        var ascii = Stamper.Stamp(master, new StampRequest("Li Lei", "li@example.com", "5", "ent-a")).Output.Length;
        var cjk = Stamper.Stamp(master, new StampRequest("李雷", "li@example.com", "5", "ent-a")).Output.Length;
        var cyrillic = Stamper.Stamp(master, new StampRequest("Дмитрий", "li@example.com", "5", "ent-a")).Output.Length;

        Assert.InRange(cjk - ascii, 1, 40_000);
        Assert.InRange(cyrillic - ascii, 1, 30_000);
    }

    [Fact]
    public void CjkGlyphsAreDrawnNotReplacedByEmptyBoxes()
    {
        var copy = Stamper.Stamp(PdfBuilder.TextDocument(1), new StampRequest("李雷", "li@example.com", "5", "ent-cjk")).Output.ToArray();

        Assert.Contains(PdfChecks.Fonts(copy), f => f.Embedded && f.Name.EndsWith("+DroidSansFallbackFull", StringComparison.Ordinal));
        var page = PdfChecks.Words(copy).Single();
        var name = page.Words.First(w => w.Text == "李雷");
        var pixels = PdfChecks.RenderGray(copy, 1, 288);
        var dark = 0;
        for (var y = (int)(name.YMin * 4); y < (int)(name.YMax * 4); y++)
        {
            for (var x = (int)(name.XMin * 4); x < (int)(name.XMax * 4); x++)
            {
                dark += pixels[y, x] < 128 ? 1 : 0;
            }
        }
        Assert.True(dark > 20, $"only {dark} dark pixels where the name should be");
    }
}
