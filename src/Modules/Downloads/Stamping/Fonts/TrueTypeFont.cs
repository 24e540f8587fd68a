using System.Buffers.Binary;

namespace Storefront.Downloads.Stamping.Fonts;

/// <summary>
/// Read-only view of a TrueType (glyf-outline) font file: just enough to map characters to glyphs,
/// measure them and cut a subset. CFF-flavoured OpenType and collections are not handled.
/// </summary>
internal sealed class TrueTypeFont
{
    private readonly byte[] _data;
    private readonly Dictionary<string, (int Offset, int Length)> _tables = [];
    private readonly int _cmap;
    private readonly int _cmapFormat;
    private readonly int _hMetrics;
    private readonly bool _longLoca;

    public TrueTypeFont(string name, byte[] data)
    {
        Name = name;
        _data = data;
        var tables = U16(4);
        for (var i = 0; i < tables; i++)
        {
            var record = 12 + (16 * i);
            var tag = System.Text.Encoding.ASCII.GetString(data, record, 4);
            _tables[tag] = ((int)U32(record + 8), (int)U32(record + 12));
        }
        var head = Table("head");
        UnitsPerEm = U16(head + 18);
        BoundingBox = [S16(head + 36), S16(head + 38), S16(head + 40), S16(head + 42)];
        _longLoca = S16(head + 50) == 1;
        var hhea = Table("hhea");
        Ascent = S16(hhea + 4);
        Descent = S16(hhea + 6);
        _hMetrics = U16(hhea + 34);
        GlyphCount = U16(Table("maxp") + 4);
        (_cmap, _cmapFormat) = FindCmap();
    }

    public string Name { get; }
    public int UnitsPerEm { get; }
    public short[] BoundingBox { get; }
    public short Ascent { get; }
    public short Descent { get; }
    public int GlyphCount { get; }

    internal ReadOnlySpan<byte> Bytes => _data;

    public bool HasTable(string tag) => _tables.ContainsKey(tag);

    public ReadOnlySpan<byte> TableBytes(string tag) =>
        _tables.TryGetValue(tag, out var t) ? _data.AsSpan(t.Offset, t.Length) : default;

    public int Table(string tag) =>
        _tables.TryGetValue(tag, out var t) ? t.Offset : throw new InvalidDataException($"{Name}: no '{tag}' table.");

    /// <summary>The glyph for a Unicode scalar value, 0 (.notdef) when the font has none.</summary>
    public int GlyphFor(int codePoint) => _cmapFormat switch
    {
        12 => LookupFormat12(codePoint),
        4 when codePoint <= 0xFFFF => LookupFormat4(codePoint),
        _ => 0,
    };

    public int Advance(int glyph)
    {
        var hmtx = Table("hmtx");
        var index = Math.Min(glyph, _hMetrics - 1);
        return U16(hmtx + (4 * index));
    }

    public short LeftSideBearing(int glyph)
    {
        var hmtx = Table("hmtx");
        return glyph < _hMetrics
            ? S16(hmtx + (4 * glyph) + 2)
            : S16(hmtx + (4 * _hMetrics) + (2 * (glyph - _hMetrics)));
    }

    public ReadOnlySpan<byte> Glyph(int glyph)
    {
        var loca = Table("loca");
        int start, end;
        if (_longLoca)
        {
            start = (int)U32(loca + (4 * glyph));
            end = (int)U32(loca + (4 * (glyph + 1)));
        }
        else
        {
            start = U16(loca + (2 * glyph)) * 2;
            end = U16(loca + (2 * (glyph + 1))) * 2;
        }
        return end > start ? _data.AsSpan(Table("glyf") + start, end - start) : default;
    }

    private (int Offset, int Format) FindCmap()
    {
        var cmap = Table("cmap");
        int best = -1, bestFormat = 0;
        for (var i = 0; i < U16(cmap + 2); i++)
        {
            var record = cmap + 4 + (8 * i);
            var (platform, encoding) = (U16(record), U16(record + 2));
            var subtable = cmap + (int)U32(record + 4);
            var format = U16(subtable);
            var unicode = platform == 0 || (platform == 3 && encoding is 1 or 10);
            if (unicode && format == 12)
            {
                return (subtable, 12);
            }
            if (unicode && format == 4 && best < 0)
            {
                (best, bestFormat) = (subtable, 4);
            }
        }
        return (best, bestFormat);
    }

    private int LookupFormat4(int c)
    {
        var segments = U16(_cmap + 6) / 2;
        var ends = _cmap + 14;
        var starts = ends + (2 * segments) + 2;
        var deltas = starts + (2 * segments);
        var ranges = deltas + (2 * segments);
        for (var s = 0; s < segments; s++)
        {
            if (U16(ends + (2 * s)) < c)
            {
                continue;
            }
            var start = U16(starts + (2 * s));
            if (start > c)
            {
                return 0;
            }
            var delta = U16(deltas + (2 * s));
            var rangeOffset = U16(ranges + (2 * s));
            if (rangeOffset == 0)
            {
                return (c + delta) & 0xFFFF;
            }
            var glyph = U16(ranges + (2 * s) + rangeOffset + (2 * (c - start)));
            return glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
        }
        return 0;
    }

    private int LookupFormat12(int c)
    {
        var groups = (int)U32(_cmap + 12);
        for (var g = 0; g < groups; g++)
        {
            var group = _cmap + 16 + (12 * g);
            if (c >= U32(group) && c <= U32(group + 4))
            {
                return (int)(U32(group + 8) + (uint)c - U32(group));
            }
        }
        return 0;
    }

    private int U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at));
    private short S16(int at) => BinaryPrimitives.ReadInt16BigEndian(_data.AsSpan(at));
    private uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(at));
}
