using System.Text;
using HarfBuzzSharp;

namespace Storefront.Downloads.Stamping.Fonts;

/// <summary>A font the stamp draws with: the base-14 Helvetica, or a TrueType subset embedded as a CID font.</summary>
internal sealed class StampFont(string resourceName, TrueTypeFont? trueType)
{
    private readonly Dictionary<(int Glyph, string Text), int> _cids = [];
    private readonly List<(int Glyph, string Text)> _glyphs = [];

    public string ResourceName { get; } = resourceName;
    public TrueTypeFont? TrueType { get; } = trueType;
    public bool IsEmbedded => TrueType is not null;

    /// <summary>
    /// Glyphs in CID order: CID n (from 1) draws glyph <c>Glyphs[n - 1].Glyph</c> and extracts as its text.
    /// One glyph may stand for several characters (a ligature, a conjunct) or none (the second glyph of a
    /// cluster); the same glyph with different text gets a CID of its own.
    /// </summary>
    public IReadOnlyList<(int Glyph, string Text)> Glyphs => _glyphs;

    public int CidFor(int glyph, string text)
    {
        if (!_cids.TryGetValue((glyph, text), out var cid))
        {
            _glyphs.Add((glyph, text));
            cid = _glyphs.Count;
            _cids[(glyph, text)] = cid;
        }
        return cid;
    }
}

/// <summary>
/// A glyph as the content stream draws it: TJ adjustments before and after it and its rise, all in
/// thousandths of an em (the font size scales them), so one shaped line serves every page size.
/// <see cref="ActualText"/> (on the first glyph of a cluster of <see cref="Span"/> glyphs) is the text of the whole cluster.
/// </summary>
internal readonly record struct PlacedGlyph(int Cid, double Before, double After, double Rise, string? ActualText = null, int Span = 1);

/// <summary>
/// A run of the stamp line drawn with one font: Helvetica's WinAnsi bytes in <see cref="Encoded"/>, or an
/// embedded font's shaped <see cref="Glyphs"/>.
/// </summary>
internal sealed record TextRun(StampFont Font, byte[] Encoded, IReadOnlyList<PlacedGlyph> Glyphs);

/// <summary>The stamp line split into font runs in display order, with its width for a font size of 1 pt.</summary>
internal sealed record ShapedLine(IReadOnlyList<TextRun> Runs, double WidthPerPoint, IReadOnlyList<StampFont> Fonts)
{
    public static ShapedLine Shape(string text, FontLibrary library)
    {
        var runes = text.EnumerateRunes().Select(r => r.Value).ToList();
        // Latin-1 text, the common case, needs no shaping, no bidi and no embedded font.
        if (runes.All(r => Helvetica.TryEncode(r, out _)))
        {
            return Standard(runes);
        }
        var candidates = library.Fonts.ToList();
        if (candidates.Count == 0)
        {
            // No TrueType font installed: keep the stamp, with '?' where Helvetica has no glyph.
            return Standard(runes.Select(r => Helvetica.TryEncode(r, out _) ? r : '?').ToList());
        }
        return Shaped(text, candidates);
    }

    /// <summary>
    /// Splits the line into runs of one bidi level, one script and one font, shapes each with HarfBuzz and
    /// puts the runs in display order. Every glyph keeps the characters it stands for, so the line extracts
    /// as it was typed.
    /// </summary>
    private static ShapedLine Shaped(string text, List<TrueTypeFont> candidates)
    {
        var items = ScriptRuns.Split(text, candidates);
        var fonts = new Dictionary<TrueTypeFont, StampFont>();
        var runs = new List<TextRun>();
        var width = 0.0;
        var afterRightToLeft = false;
        foreach (var index in LineBidi.VisualOrder(items.Select(i => i.Level).ToList()))
        {
            var item = items[index];
            if (!fonts.TryGetValue(item.Font, out var slot))
            {
                slot = fonts[item.Font] = new StampFont($"SFStamp{fonts.Count + 1}", item.Font);
            }
            var rightToLeft = item.Level % 2 == 1;
            var glyphs = Shaper.Shape(item.Font, text, item.Start, item.Length, item.Script, rightToLeft);
            var placed = Place(text, item, slot, glyphs, rightToLeft, afterRightToLeft);
            afterRightToLeft = rightToLeft;
            width += glyphs.Sum(g => (double)g.Advance) / item.Font.UnitsPerEm;
            // Neighbouring runs in the same font (a name and the spaces around it) share one run.
            if (runs.Count > 0 && runs[^1].Font == slot)
            {
                runs[^1] = runs[^1] with { Glyphs = [.. runs[^1].Glyphs, .. placed] };
            }
            else
            {
                runs.Add(new TextRun(slot, [], placed));
            }
        }
        return new ShapedLine(runs, width, fonts.Values.ToList());
    }

    /// <summary>
    /// Gives each glyph its CID and its adjustments. A cluster of one glyph extracts through its ToUnicode entry;
    /// a cluster of several (a Devanagari vowel sign drawn before its consonant, a Bengali two-part vowel) puts its
    /// text on the first glyph and also wraps the glyphs in an ActualText span, so readers take the whole cluster
    /// as its text, with no gap where the other glyphs are.
    /// </summary>
    private static List<PlacedGlyph> Place(string text, ScriptRun item, StampFont font, ShapedGlyph[] glyphs, bool rightToLeft, bool afterRightToLeft)
    {
        var tt = font.TrueType!;
        var k = 1000.0 / tt.UnitsPerEm;
        var starts = glyphs.Select(g => g.Cluster).Distinct().Order().ToList();
        var placed = new List<PlacedGlyph>(glyphs.Length);
        for (var i = 0; i < glyphs.Length;)
        {
            var size = 1;
            while (i + size < glyphs.Length && glyphs[i + size].Cluster == glyphs[i].Cluster)
            {
                size++;
            }
            var next = starts.BinarySearch(glyphs[i].Cluster) + 1;
            var end = next < starts.Count ? starts[next] : item.Start + item.Length;
            var clusterText = ReadingOrder(text[glyphs[i].Cluster..end], rightToLeft);
            if (afterRightToLeft && !rightToLeft && i == 0)
            {
                // Readers that reverse the right-to-left text they find (poppler) take every neutral after it
                // along, moving "name · " to " · name"; an invisible left-to-right mark ends the reversal there.
                clusterText = "\u200E" + clusterText;
            }
            for (var j = i; j < i + size; j++)
            {
                var g = glyphs[j];
                // The reader advances by the glyph's width in the font's /W array; where HarfBuzz's advance
                // differs (kerning, marks) and where it offsets a glyph, TJ adjustments around the glyph make up
                // the difference. Below 1/100 000 em an adjustment is not written.
                var width = PdfFontWriter.Width(tt, g.Glyph);
                var first = j == i;
                placed.Add(new PlacedGlyph(font.CidFor(g.Glyph, first ? clusterText : ""), Math.Round(-g.XOffset * k, 2),
                    Math.Round(width - ((g.Advance - g.XOffset) * k), 2), Math.Round(g.YOffset * k, 2),
                    first && size > 1 ? clusterText : null, first ? size : 0));
            }
            i += size;
        }
        return placed;
    }

    /// <summary>
    /// A cluster's text as it must be stored for a reader to rebuild logical order: readers extract text in
    /// display order and then reverse the right-to-left stretches (poppler's pdftotext does, checked in
    /// <c>ShapingTests</c>), so a right-to-left cluster (a lam-alef ligature, a letter with its vowel mark)
    /// is stored reversed.
    /// </summary>
    private static string ReadingOrder(string cluster, bool rightToLeft) => rightToLeft ? Reversed(cluster) : cluster;

    private static string Reversed(string text)
    {
        var runes = text.EnumerateRunes().Reverse();
        var builder = new StringBuilder(text.Length);
        foreach (var rune in runes)
        {
            builder.Append(rune.ToString());
        }
        return builder.ToString();
    }

    private static ShapedLine Standard(List<int> runes)
    {
        var font = new StampFont("SFStamp0", null);
        var bytes = new byte[runes.Count];
        var width = 0.0;
        for (var i = 0; i < runes.Count; i++)
        {
            Helvetica.TryEncode(runes[i], out bytes[i]);
            width += Helvetica.Width(bytes[i]) / 1000.0;
        }
        return new ShapedLine([new TextRun(font, bytes, [])], width, [font]);
    }
}

/// <summary>A stretch of the line (UTF-16 offsets) with one bidi level, one script and one font.</summary>
internal sealed record ScriptRun(int Start, int Length, byte Level, Script Script, TrueTypeFont Font);

/// <summary>Itemizes a line for shaping: by bidi level, then by script, then by the first font that covers the stretch.</summary>
internal static class ScriptRuns
{
    public static List<ScriptRun> Split(string text, IReadOnlyList<TrueTypeFont> candidates)
    {
        var codePoints = new List<int>();
        var offsets = new List<int>();
        for (var i = 0; i < text.Length;)
        {
            var rune = Rune.GetRuneAt(text, i);
            codePoints.Add(rune.Value);
            offsets.Add(i);
            i += rune.Utf16SequenceLength;
        }
        offsets.Add(text.Length);
        var levels = LineBidi.Levels(codePoints);
        var scripts = Scripts(codePoints);
        var runs = new List<ScriptRun>();
        for (var start = 0; start < codePoints.Count;)
        {
            var end = start + 1;
            while (end < codePoints.Count && levels[end] == levels[start] && scripts[end] == scripts[start])
            {
                end++;
            }
            // The font is chosen by the stretch's letters: a CJK font without the middle dot after a name
            // still draws the name, and the dot comes from the next font that has it.
            var letters = Enumerable.Range(start, end - start).Where(i => IsReal(Shaper.ScriptOf(codePoints[i]))).ToList();
            if (letters.Count == 0)
            {
                letters = Enumerable.Range(start, end - start).ToList();
            }
            var font = candidates.FirstOrDefault(f => letters.All(i => Covers(f, codePoints[i])));
            for (var i = start; i < end; i++)
            {
                // A stretch no single font covers takes, character by character, the font it is in if that
                // has the glyph, else the first that has it (or the .notdef box of the one it is in).
                var current = runs.Count > 0 && runs[^1].Start + runs[^1].Length == offsets[i] ? runs[^1].Font : null;
                var chosen = (font is not null && Covers(font, codePoints[i]) ? font : null)
                    ?? (current is not null && Covers(current, codePoints[i]) ? current : null)
                    ?? candidates.FirstOrDefault(f => Covers(f, codePoints[i])) ?? current ?? candidates[0];
                var last = runs.Count > 0 ? runs[^1] : null;
                if (last is not null && i > start && last.Font == chosen)
                {
                    runs[^1] = last with { Length = offsets[i + 1] - last.Start };
                }
                else
                {
                    runs.Add(new ScriptRun(offsets[i], offsets[i + 1] - offsets[i], levels[i], scripts[i], chosen));
                }
            }
            start = end;
        }
        return runs;
    }

    /// <summary>Joiners are invisible shaping controls: a font need not have glyphs for them.</summary>
    private static bool Covers(TrueTypeFont font, int codePoint) =>
        codePoint is 0x200C or 0x200D || font.GlyphFor(codePoint) != 0;

    /// <summary>
    /// Each character's script; spaces, digits and punctuation (Common) and marks (Inherited) belong to the
    /// script before them, or at the start of the line to the first one after.
    /// </summary>
    private static Script[] Scripts(List<int> codePoints)
    {
        var scripts = codePoints.Select(Shaper.ScriptOf).ToArray();
        Script? previous = null;
        for (var i = 0; i < scripts.Length; i++)
        {
            if (IsReal(scripts[i]))
            {
                previous = scripts[i];
            }
            else if (previous is { } p)
            {
                scripts[i] = p;
            }
        }
        var first = scripts.FirstOrDefault(IsReal, Script.Latin);
        for (var i = 0; i < scripts.Length && !IsReal(scripts[i]); i++)
        {
            scripts[i] = first;
        }
        return scripts;
    }

    private static bool IsReal(Script script) => script != Script.Common && script != Script.Inherited && script != Script.Unknown;
}
