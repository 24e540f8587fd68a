namespace Storefront.Downloads.Stamping.Fonts;

/// <summary>
/// The base-14 Helvetica with WinAnsiEncoding: every PDF reader has it, so a Latin-1 stamp costs no font
/// bytes at all. Widths are the Adobe AFM values (1/1000 em), used only to size the footer to the page.
/// </summary>
internal static class Helvetica
{
    // Unicode code points of WinAnsi bytes 0x80..0x9F (0 = unassigned).
    private static readonly int[] High =
    [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];

    // Widths for bytes 0x20..0xFF.
    private static readonly short[] Widths =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 278,
        556, 278, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 278, 611, 278,
        278, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 278, 500, 667,
        278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
        400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
        667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
        722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
        556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
    ];

    public static bool TryEncode(int codePoint, out byte code)
    {
        if (codePoint is >= 0x20 and <= 0x7E or >= 0xA0 and <= 0xFF)
        {
            code = (byte)codePoint;
            return true;
        }
        var index = codePoint == 0 ? -1 : Array.IndexOf(High, codePoint);
        code = index >= 0 ? (byte)(0x80 + index) : (byte)0;
        return index >= 0;
    }

    public static int Width(byte code) => code >= 0x20 ? Widths[code - 0x20] : 0;
}
