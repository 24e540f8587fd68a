using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping.Fonts;

/// <summary>
/// Adds a stamp font to the document once: Helvetica as a plain base-14 reference, a TrueType font as a
/// Type0/CIDFontType2 subset with a ToUnicode map so the buyer's name extracts as the text it is.
/// </summary>
internal static class PdfFontWriter
{
    public static uint Write(QpdfDocument pdf, StampFont font) =>
        font.TrueType is null ? WriteHelvetica(pdf) : WriteEmbedded(pdf, font, font.TrueType);

    private static uint WriteHelvetica(QpdfDocument pdf)
    {
        var dict = pdf.NewDictionary();
        pdf.Set(dict, "/Type", pdf.NewName("/Font"));
        pdf.Set(dict, "/Subtype", pdf.NewName("/Type1"));
        pdf.Set(dict, "/BaseFont", pdf.NewName("/Helvetica"));
        pdf.Set(dict, "/Encoding", pdf.NewName("/WinAnsiEncoding"));
        return pdf.MakeIndirect(dict);
    }

    private static uint WriteEmbedded(QpdfDocument pdf, StampFont font, TrueTypeFont tt)
    {
        var glyphs = font.Glyphs.Select(g => g.Glyph).ToList();
        var (subset, newIds) = TrueTypeSubsetter.Subset(tt, glyphs);
        var baseFont = $"/{Tag(tt.Name, font.Glyphs)}+{tt.Name}";
        var scale = 1000.0 / tt.UnitsPerEm;

        var fontFile = pdf.NewStream(Deflate(subset), "/FlateDecode");
        pdf.Set(pdf.StreamDictionary(fontFile), "/Length1", pdf.NewInteger(subset.Length));

        var descriptor = pdf.NewDictionary();
        pdf.Set(descriptor, "/Type", pdf.NewName("/FontDescriptor"));
        pdf.Set(descriptor, "/FontName", pdf.NewName(baseFont));
        pdf.Set(descriptor, "/Flags", pdf.NewInteger(4));
        var bbox = pdf.NewArray();
        foreach (var v in tt.BoundingBox)
        {
            pdf.Append(bbox, pdf.NewInteger((long)Math.Round(v * scale)));
        }
        pdf.Set(descriptor, "/FontBBox", bbox);
        pdf.Set(descriptor, "/ItalicAngle", pdf.NewInteger(0));
        pdf.Set(descriptor, "/Ascent", pdf.NewInteger((long)Math.Round(tt.Ascent * scale)));
        pdf.Set(descriptor, "/Descent", pdf.NewInteger((long)Math.Round(tt.Descent * scale)));
        pdf.Set(descriptor, "/CapHeight", pdf.NewInteger((long)Math.Round(tt.Ascent * scale * 0.7)));
        pdf.Set(descriptor, "/StemV", pdf.NewInteger(80));
        pdf.Set(descriptor, "/FontFile2", fontFile);

        // CIDs number the distinct (glyph, text) pairs the shaped line uses; the map sends each to its
        // glyph in the subset (0, the .notdef box, for a character no installed font has).
        var cidToGid = new byte[2 * (font.Glyphs.Count + 1)];
        var widths = pdf.NewArray();
        for (var i = 0; i < glyphs.Count; i++)
        {
            var gid = newIds.GetValueOrDefault(glyphs[i]);
            cidToGid[2 * (i + 1)] = (byte)(gid >> 8);
            cidToGid[(2 * (i + 1)) + 1] = (byte)gid;
            pdf.Append(widths, pdf.NewReal(Width(tt, glyphs[i])));
        }
        var w = pdf.NewArray();
        pdf.Append(w, pdf.NewInteger(1));
        pdf.Append(w, widths);

        var cidFont = pdf.NewDictionary();
        pdf.Set(cidFont, "/Type", pdf.NewName("/Font"));
        pdf.Set(cidFont, "/Subtype", pdf.NewName("/CIDFontType2"));
        pdf.Set(cidFont, "/BaseFont", pdf.NewName(baseFont));
        var systemInfo = pdf.NewDictionary();
        pdf.Set(systemInfo, "/Registry", pdf.NewString("Adobe"u8));
        pdf.Set(systemInfo, "/Ordering", pdf.NewString("Identity"u8));
        pdf.Set(systemInfo, "/Supplement", pdf.NewInteger(0));
        pdf.Set(cidFont, "/CIDSystemInfo", systemInfo);
        pdf.Set(cidFont, "/FontDescriptor", pdf.MakeIndirect(descriptor));
        pdf.Set(cidFont, "/DW", pdf.NewInteger(1000));
        pdf.Set(cidFont, "/W", w);
        pdf.Set(cidFont, "/CIDToGIDMap", pdf.NewStream(cidToGid));

        var type0 = pdf.NewDictionary();
        pdf.Set(type0, "/Type", pdf.NewName("/Font"));
        pdf.Set(type0, "/Subtype", pdf.NewName("/Type0"));
        pdf.Set(type0, "/BaseFont", pdf.NewName(baseFont));
        pdf.Set(type0, "/Encoding", pdf.NewName("/Identity-H"));
        var descendants = pdf.NewArray();
        pdf.Append(descendants, pdf.MakeIndirect(cidFont));
        pdf.Set(type0, "/DescendantFonts", descendants);
        pdf.Set(type0, "/ToUnicode", pdf.NewStream(ToUnicode(font.Glyphs)));
        return pdf.MakeIndirect(type0);
    }

    /// <summary>
    /// A glyph's width as the /W array gives it, in 1/1000 em to three decimals: shaped text positions glyphs
    /// relative to these widths, so unkerned glyphs need no adjustment of their own.
    /// </summary>
    public static double Width(TrueTypeFont font, int glyph) => Math.Round(font.Advance(glyph) * 1000.0 / font.UnitsPerEm, 3);

    /// <summary>The six-letter subset tag PDF asks for, derived from the content so output stays deterministic.</summary>
    private static string Tag(string name, IReadOnlyList<(int Glyph, string Text)> glyphs)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name + ":" + string.Join(',', glyphs.Select(g => $"{g.Glyph}={g.Text}"))));
        return string.Concat(hash.Take(6).Select(b => (char)('A' + (b % 26))));
    }

    /// <summary>
    /// Maps each CID back to the characters its glyph stands for; a glyph that stands for none (the later
    /// glyphs of a cluster) has no entry, so it adds nothing to the extracted text.
    /// </summary>
    private static byte[] ToUnicode(IReadOnlyList<(int Glyph, string Text)> glyphs)
    {
        var entries = glyphs.Select((g, i) => (Cid: i + 1, g.Text)).Where(e => e.Text.Length > 0).ToList();
        var cmap = new StringBuilder();
        cmap.Append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
            .Append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
            .Append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
            .Append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        foreach (var block in entries.Chunk(100))
        {
            cmap.Append(CultureInfo.InvariantCulture, $"{block.Length} beginbfchar\n");
            foreach (var (cid, text) in block)
            {
                var utf16 = Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text));
                cmap.Append(CultureInfo.InvariantCulture, $"<{cid:X4}> <{utf16}>\n");
            }
            cmap.Append("endbfchar\n");
        }
        cmap.Append("endcmap\nCMapName currentdict /CMapResource defineresource pop\nend\nend\n");
        return Encoding.ASCII.GetBytes(cmap.ToString());
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return output.ToArray();
    }
}
