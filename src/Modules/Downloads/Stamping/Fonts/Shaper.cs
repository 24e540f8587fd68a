using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using HarfBuzzSharp;
using HbBuffer = HarfBuzzSharp.Buffer;
using HbFont = HarfBuzzSharp.Font;

namespace Storefront.Downloads.Stamping.Fonts;

/// <summary>One glyph as HarfBuzz placed it, in font units; <see cref="Cluster"/> is the UTF-16 index of its first character.</summary>
internal readonly record struct ShapedGlyph(int Glyph, int Cluster, int Advance, int XOffset, int YOffset);

/// <summary>
/// Shapes runs of one script and direction with HarfBuzz: Arabic letters join, Indic vowel signs are
/// reordered and conjuncts formed, Thai and Hebrew marks are placed. A font's HarfBuzz face is made once
/// per process (fonts are never unloaded, see <see cref="FontLibrary"/>) and shared: HarfBuzz fonts are
/// safe to shape with from several threads, each call having its own buffer.
/// </summary>
internal static class Shaper
{
    private static readonly ConcurrentDictionary<TrueTypeFont, Lazy<HbFont>> Fonts = new();

    public static Script ScriptOf(int codePoint) => UnicodeFunctions.Default.GetScript(codePoint);

    /// <summary>Shapes <c>text[start..start+length]</c> (the rest of the line is context); glyphs come in visual order.</summary>
    public static ShapedGlyph[] Shape(TrueTypeFont font, string text, int start, int length, Script script, bool rightToLeft)
    {
        using var buffer = new HbBuffer();
        buffer.AddUtf16(text, start, length);
        buffer.Script = script;
        buffer.Direction = rightToLeft ? Direction.RightToLeft : Direction.LeftToRight;
        // No language is set: HarfBuzz would otherwise take the process's locale, and a copy must not depend on
        // the machine that stamped it (the same purchase gives byte-identical copies).
        For(font).Shape(buffer);
        var infos = buffer.GetGlyphInfoSpan();
        var positions = buffer.GetGlyphPositionSpan();
        var glyphs = new ShapedGlyph[infos.Length];
        for (var i = 0; i < glyphs.Length; i++)
        {
            glyphs[i] = new ShapedGlyph((int)infos[i].Codepoint, (int)infos[i].Cluster, positions[i].XAdvance,
                positions[i].XOffset, positions[i].YOffset);
        }
        return glyphs;
    }

    private static HbFont For(TrueTypeFont font) => Fonts.GetOrAdd(font, f => new Lazy<HbFont>(() => Create(f))).Value;

    private static unsafe HbFont Create(TrueTypeFont font)
    {
        // HarfBuzz reads the font in place: a native copy that lives as long as the process, like the font itself.
        var bytes = font.Bytes;
        var memory = Marshal.AllocHGlobal(bytes.Length);
        bytes.CopyTo(new Span<byte>((void*)memory, bytes.Length));
        var blob = new Blob(memory, bytes.Length, MemoryMode.ReadOnly, () => Marshal.FreeHGlobal(memory));
        blob.MakeImmutable();
        var face = new Face(blob, 0);
        var hb = new HbFont(face);
        // Positions in font units, the same units as the font's advance widths.
        hb.SetScale(font.UnitsPerEm, font.UnitsPerEm);
        return hb;
    }
}
