namespace DemoContent.Pdf;

/// <summary>The four standard (base-14) fonts the books use; viewers supply them, so nothing is embedded.</summary>
public enum PdfFont
{
    Helvetica,
    HelveticaBold,
    TimesRoman,
    Courier,
}

/// <summary>
/// Advance widths from Adobe's AFM files (1/1000 em) for WinAnsi codes 32–126 plus the few
/// typographic characters the text uses. Line wrapping and justification need them to be exact.
/// </summary>
public static class FontMetrics
{
    private static readonly short[] Helvetica =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
        556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
        722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
        278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ];

    private static readonly short[] HelveticaBold =
    [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
        556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778,
        722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333,
        278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ];

    private static readonly short[] TimesRoman =
    [
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500,
        500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722,
        722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333,
        278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
        500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
    ];

    /// <summary>Width of a Unicode string set in <paramref name="font"/> at <paramref name="size"/> points.</summary>
    public static double Measure(string text, PdfFont font, double size)
    {
        var units = 0;
        foreach (var c in text)
        {
            units += Width(c, font);
        }

        return units * size / 1000.0;
    }

    public static int Width(char c, PdfFont font)
    {
        if (font == PdfFont.Courier)
        {
            return 600;
        }

        if (c is >= ' ' and <= '~')
        {
            var table = font switch
            {
                PdfFont.Helvetica => Helvetica,
                PdfFont.HelveticaBold => HelveticaBold,
                _ => TimesRoman,
            };
            return table[c - ' '];
        }

        var times = font == PdfFont.TimesRoman;
        var bold = font == PdfFont.HelveticaBold;
        return c switch
        {
            '\u2013' => times ? 500 : 556,
            '\u2014' or '\u2026' => 1000,
            '\u2018' or '\u2019' => times ? 333 : bold ? 278 : 222,
            '\u201C' or '\u201D' => times ? 444 : bold ? 500 : 333,
            '\u2022' => 350,
            '\u00B0' => 400,
            '\u00D7' => times ? 564 : 584,
            '\u00A9' => times ? 760 : 737,
            _ => throw new ArgumentException($"No width for U+{(int)c:X4} '{c}'; add it to FontMetrics and WinAnsi."),
        };
    }
}
