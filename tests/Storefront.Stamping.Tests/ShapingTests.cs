using Storefront.Downloads.Stamping;
using Storefront.Downloads.Stamping.Fonts;
using Storefront.Stamping.Tests.Support;

namespace Storefront.Stamping.Tests;

/// <summary>
/// Names in scripts that need shaping or run right to left are drawn with the glyphs HarfBuzz chooses, in the
/// right direction, from fonts that have them, and poppler reads them back in the order they were typed.
/// </summary>
public sealed class ShapingTests
{
    private static readonly PdfStamper Stamper = new();
    private static readonly FontLibrary Library = new(new StampingOptions().FontPaths);

    /// <summary>Each name with the font (file name) that must draw it.</summary>
    public static TheoryData<string, string> Names => new()
    {
        { "محمد عبد الله", "DejaVuSans" },
        { "دانيال سلامة", "DejaVuSans" },
        { "דוד לוי", "DejaVuSans" },
        { "प्रिया शर्मा", "Lohit-Devanagari" },
        { "সৌমিত্র চট্টোপাধ্যায়", "Lohit-Bengali" },
        { "สมชาย ใจดี", "Loma" },
        { "王小明", "DroidSansFallbackFull" },
        { "山田 はなこ", "DroidSansFallbackFull" },
        { "김민준", "NanumGothic" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void TheNameReadsBackInTypedOrderAndIsInkedInTheFooter(string name, string fontName)
    {
        var copy = Stamp(name, PdfBuilder.TextDocument(2));

        PdfChecks.AssertQpdfCheckPasses(copy);
        Assert.All(Texts(copy), text => Assert.Contains($"Licensed to {name} · buyer@example.com", text, StringComparison.Ordinal));
        Assert.Contains(PdfChecks.Fonts(copy), f => f.Embedded && f.Name.EndsWith("+" + fontName, StringComparison.Ordinal));

        // Every glyph comes from a font that has it: none is the empty .notdef box.
        var line = ShapedLine.Shape(name, Library);
        Assert.All(line.Fonts.SelectMany(f => f.Glyphs), g => Assert.NotEqual(0, g.Glyph));

        // Between "to" and the e-mail address, where the name is drawn, the rendered footer has ink.
        var words = PdfChecks.Words(copy)[0].Words;
        var to = words.First(w => w.Text == "to");
        var email = words.First(w => w.Text.StartsWith("buyer@", StringComparison.Ordinal));
        var dark = DarkPixels(copy, to.XMax + 1, to.YMin, email.XMin - 8, to.YMax);
        Assert.True(dark > 30, $"only {dark} dark pixels where \"{name}\" should be");
    }

    [Fact]
    public void AMixedLineKeepsItsOrderOnThePageAndInTheText()
    {
        const string name = "محمد عبد الله";
        var copy = Stamper.Stamp(PdfBuilder.TextDocument(1),
            new StampRequest(name, "buyer@example.com", "1042", "ent-mixed") { Template = "Order {order} · {name}" }).Output.ToArray();

        PdfChecks.AssertQpdfCheckPasses(copy);
        Assert.Contains("Order 1042 · محمد عبد الله", Texts(copy)[0], StringComparison.Ordinal);
        // Displayed left to right: "Order", "1042", then the Arabic name, whose first word is its rightmost.
        var words = PdfChecks.Words(copy)[0].Words;
        var order = words.First(w => w.Text == "Order");
        var number = words.First(w => w.Text == "1042");
        var arabic = words.Where(w => w.Text.Any(c => c is >= '\u0600' and <= '\u06FF')).ToList();
        Assert.Equal(3, arabic.Count);
        Assert.True(order.XMax < number.XMin && number.XMax < arabic.Min(w => w.XMin));
    }

    [Fact]
    public void RightToLeftRunsAreDisplayedRightToLeftAndNumbersInThemLeftToRight()
    {
        var text = "Order 1042 · محمد 12 علي";
        var codePoints = text.EnumerateRunes().Select(r => r.Value).ToList();

        var levels = LineBidi.Levels(codePoints);
        var visual = string.Concat(LineBidi.VisualOrder(levels).Select(i => char.ConvertFromUtf32(codePoints[i])));

        Assert.Equal("Order 1042 · يلع 12 دمحم", visual);
        Assert.Equal("12 ,דוד", Display("דוד, 12"));
    }

    [Fact]
    public void ArabicLettersJoinAndDevanagariVowelSignsGoBeforeTheirConsonant()
    {
        var arabic = Glyphs("محمد");
        var dejaVu = Library.Fonts.First(f => f.Name == "DejaVuSans");
        // Joined forms are other glyphs than the letters' isolated ones, and come in display order (last letter leftmost).
        Assert.DoesNotContain(dejaVu.GlyphFor('م'), arabic);
        Assert.Equal(4, arabic.Count);

        var devanagari = Glyphs("कि");
        var lohit = Library.Fonts.First(f => f.Name == "Lohit-Devanagari");
        Assert.Equal(2, devanagari.Count);
        Assert.Equal(lohit.GlyphFor('क'), devanagari[1]);
    }

    [Fact]
    public void TheSamePurchaseGivesByteIdenticalShapedCopies()
    {
        var master = PdfBuilder.TextDocument(1);

        Assert.Equal(Stamp("प्रिया محمد", master), Stamp("प्रिया محمد", master));
    }

    [Fact]
    public void LatinOneLinesStayOnHelveticaWithNothingEmbedded()
    {
        var line = ShapedLine.Shape("Licensed to Zoë Ünïcode · Order 1042", Library);

        Assert.All(line.Fonts, f => Assert.False(f.IsEmbedded));
    }

    /// <summary>
    /// pdftotext's text without the invisible direction marks (U+200E, U+202A–U+202C) that poppler and the
    /// stamp put around right-to-left stretches.
    /// </summary>
    private static List<string> Texts(byte[] pdf) =>
        PdfChecks.PageTexts(pdf).Select(t => new string(t.Where(c => c is not ('\u200E' or '\u200F' or >= '\u202A' and <= '\u202E')).ToArray())).ToList();

    private static List<int> Glyphs(string text)
    {
        var line = ShapedLine.Shape(text, Library);
        var run = Assert.Single(line.Runs);
        return run.Glyphs.Select(g => run.Font.Glyphs[g.Cid - 1].Glyph).ToList();
    }

    private static string Display(string text)
    {
        var codePoints = text.EnumerateRunes().Select(r => r.Value).ToList();
        return string.Concat(LineBidi.VisualOrder(LineBidi.Levels(codePoints)).Select(i => char.ConvertFromUtf32(codePoints[i])));
    }

    private static byte[] Stamp(string name, byte[] master)
    {
        var result = Stamper.Stamp(master, new StampRequest(name, "buyer@example.com", "77", "ent-shaping") { Template = StampTemplate.WithEmail });
        Assert.Equal(StampStatus.Stamped, result.Status);
        return result.Output.ToArray();
    }

    /// <summary>Dark pixels of page 1 inside a box given in points (y downwards), rendered at 288 dpi.</summary>
    private static int DarkPixels(byte[] pdf, double x0, double y0, double x1, double y1)
    {
        const int scale = 4;
        var pixels = PdfChecks.RenderGray(pdf, 1, 72 * scale);
        var dark = 0;
        for (var y = (int)(y0 * scale); y < (int)(y1 * scale); y++)
        {
            for (var x = (int)(x0 * scale); x < (int)(x1 * scale); x++)
            {
                dark += pixels[y, x] < 128 ? 1 : 0;
            }
        }
        return dark;
    }
}
