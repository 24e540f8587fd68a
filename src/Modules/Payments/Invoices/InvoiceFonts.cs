using PdfSharp.Fonts;

namespace Storefront.Payments.Invoices;

/// <summary>An invoice cannot be drawn: the fonts it embeds are not on this machine.</summary>
public sealed class InvoiceFontsMissingException(string message) : Exception(message);

/// <summary>
/// The fonts invoices embed, from Debian packages: DejaVu Sans (<c>fonts-dejavu-core</c>) for Latin, Greek, Cyrillic,
/// Armenian, Georgian, Hebrew, Arabic and symbols, and Droid Sans Fallback (<c>fonts-droid-fallback</c>, optional) for Chinese,
/// Japanese and Korean. Not covered by either: Indic scripts (Devanagari, Tamil …), Thai, Khmer, Ethiopic and emoji, which
/// draw as empty boxes; Arabic and Hebrew come out unjoined and left to right, as PDFsharp does no shaping or bidi.
/// </summary>
public sealed class InvoiceFonts
{
    public const string DefaultFolder = "/usr/share/fonts/truetype";

    private InvoiceFonts(string regular, string bold, string? fallback)
    {
        (Regular, Bold, Fallback) = (regular, bold, fallback);
    }

    static InvoiceFonts()
    {
        // PDFsharp's resolver is process-wide; faces are named by their file's path, so instances reading other folders never mix.
        GlobalFontSettings.FontResolver ??= new PathFontResolver();
    }

    /// <summary>Family names PDFsharp is asked for: the font file's path.</summary>
    public string Regular { get; }

    public string Bold { get; }

    /// <summary>Null when the CJK font is not installed: those characters then draw as boxes, and everything else as usual.</summary>
    public string? Fallback { get; }

    /// <summary>The fonts under <paramref name="folder"/>, or why invoices cannot be drawn with them.</summary>
    public static InvoiceFonts Find(string? folder)
    {
        var root = string.IsNullOrWhiteSpace(folder) ? DefaultFolder : folder;
        var regular = Path.Combine(root, "dejavu", "DejaVuSans.ttf");
        var bold = Path.Combine(root, "dejavu", "DejaVuSans-Bold.ttf");
        if (!File.Exists(regular) || !File.Exists(bold))
        {
            throw new InvoiceFontsMissingException(
                $"Invoices cannot be drawn: the DejaVu Sans fonts are missing ({regular}). Install the Debian package fonts-dejavu-core on the server.");
        }

        var fallback = Path.Combine(root, "droid", "DroidSansFallbackFull.ttf");
        return new InvoiceFonts(regular, bold, File.Exists(fallback) ? fallback : null);
    }

    /// <summary>Whether DejaVu lacks this character and the fallback should draw it: CJK ideographs, kana, Hangul and their punctuation.</summary>
    public static bool NeedsFallback(int codePoint) => codePoint is
        (>= 0x1100 and <= 0x11FF) or (>= 0x2E80 and <= 0x2FDF) or (>= 0x3000 and <= 0x303F) or (>= 0x3040 and <= 0x31FF)
        or (>= 0x3200 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA960 and <= 0xA97F) or (>= 0xAC00 and <= 0xD7FF)
        or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFFEF) or (>= 0x20000 and <= 0x3FFFF);

    private sealed class PathFontResolver : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => new(familyName);

        public byte[]? GetFont(string faceName)
        {
            try
            {
                return File.ReadAllBytes(faceName);
            }
            catch (IOException ex)
            {
                // Deleted between the check and the drawing: the same answer as when it was never there.
                throw new InvoiceFontsMissingException($"Invoices cannot be drawn: the font {faceName} could not be read ({ex.Message}).");
            }
        }
    }
}
