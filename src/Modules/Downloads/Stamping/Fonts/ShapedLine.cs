namespace Storefront.Downloads.Stamping.Fonts;

/// <summary>A font the stamp draws with: the base-14 Helvetica, or a TrueType subset embedded as a CID font.</summary>
internal sealed class StampFont(string resourceName, TrueTypeFont? trueType)
{
    private readonly Dictionary<int, int> _cids = [];
    private readonly List<int> _codePoints = [];

    public string ResourceName { get; } = resourceName;
    public TrueTypeFont? TrueType { get; } = trueType;
    public bool IsEmbedded => TrueType is not null;

    /// <summary>Code points in CID order: CID n (from 1) draws <c>CodePoints[n - 1]</c>.</summary>
    public IReadOnlyList<int> CodePoints => _codePoints;

    public int CidFor(int codePoint)
    {
        if (!_cids.TryGetValue(codePoint, out var cid))
        {
            _codePoints.Add(codePoint);
            cid = _codePoints.Count;
            _cids[codePoint] = cid;
        }
        return cid;
    }
}

/// <summary>A run of the stamp line drawn with one font; <see cref="Encoded"/> is the operand of <c>Tj</c>.</summary>
internal sealed record TextRun(StampFont Font, byte[] Encoded);

/// <summary>The stamp line split into font runs, with its width for a font size of 1 pt.</summary>
internal sealed record ShapedLine(IReadOnlyList<TextRun> Runs, double WidthPerPoint, IReadOnlyList<StampFont> Fonts)
{
    public static ShapedLine Shape(string text, FontLibrary library)
    {
        var runes = text.EnumerateRunes().Select(r => r.Value).ToList();
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
        var fonts = new Dictionary<TrueTypeFont, StampFont>();
        var runs = new List<(StampFont Font, List<byte> Bytes)>();
        var width = 0.0;
        foreach (var rune in runes)
        {
            var current = runs.Count > 0 ? runs[^1].Font.TrueType! : null;
            // Staying in the current font avoids a font switch for every space and separator.
            var font = current is not null && current.GlyphFor(rune) != 0
                ? current
                : candidates.FirstOrDefault(f => f.GlyphFor(rune) != 0) ?? current ?? candidates[0];
            if (!fonts.TryGetValue(font, out var slot))
            {
                slot = fonts[font] = new StampFont($"SFStamp{fonts.Count + 1}", font);
            }
            if (runs.Count == 0 || runs[^1].Font != slot)
            {
                runs.Add((slot, []));
            }
            var cid = slot.CidFor(rune);
            runs[^1].Bytes.Add((byte)(cid >> 8));
            runs[^1].Bytes.Add((byte)cid);
            width += (double)font.Advance(font.GlyphFor(rune)) / font.UnitsPerEm;
        }
        return new ShapedLine(runs.Select(r => new TextRun(r.Font, [.. r.Bytes])).ToList(), width, fonts.Values.ToList());
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
        return new ShapedLine([new TextRun(font, bytes)], width, [font]);
    }
}
