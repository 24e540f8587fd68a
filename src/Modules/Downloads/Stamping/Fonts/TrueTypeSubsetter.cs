using System.Buffers.Binary;

namespace Storefront.Downloads.Stamping.Fonts;

/// <summary>
/// Cuts a TrueType font down to the glyphs a stamp uses (plus the components of composite glyphs),
/// renumbered from 1 with .notdef kept at 0, so a name in another script costs a few KB, not the whole font.
/// </summary>
internal static class TrueTypeSubsetter
{
    private const ushort MoreComponents = 0x20;

    /// <summary>Returns the subset file and the new glyph id of every requested original glyph.</summary>
    public static (byte[] Font, Dictionary<int, int> NewGlyphIds) Subset(TrueTypeFont font, IEnumerable<int> glyphs)
    {
        var keep = new SortedSet<int> { 0 };
        var pending = new Stack<int>(glyphs);
        while (pending.Count > 0)
        {
            var glyph = pending.Pop();
            if (glyph < 0 || glyph >= font.GlyphCount || !keep.Add(glyph))
            {
                continue;
            }
            foreach (var component in Components(font.Glyph(glyph)))
            {
                pending.Push(component);
            }
        }
        var order = keep.ToList();
        var newIds = order.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i);

        using var glyf = new MemoryStream();
        var loca = new byte[4 * (order.Count + 1)];
        var hmtx = new byte[4 * order.Count];
        for (var i = 0; i < order.Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * i), (uint)glyf.Length);
            var data = font.Glyph(order[i]).ToArray();
            RemapComponents(data, newIds);
            glyf.Write(data);
            glyf.Write(new byte[(4 - (data.Length % 4)) % 4]);
            BinaryPrimitives.WriteUInt16BigEndian(hmtx.AsSpan(4 * i), (ushort)font.Advance(order[i]));
            BinaryPrimitives.WriteInt16BigEndian(hmtx.AsSpan((4 * i) + 2), font.LeftSideBearing(order[i]));
        }
        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * order.Count), (uint)glyf.Length);

        var head = font.TableBytes("head").ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0);
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1);
        var hhea = font.TableBytes("hhea").ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(hhea.AsSpan(34), (ushort)order.Count);
        var maxp = font.TableBytes("maxp").ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(4), (ushort)order.Count);

        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["glyf"] = glyf.ToArray(), ["head"] = head, ["hhea"] = hhea, ["hmtx"] = hmtx,
            ["loca"] = loca, ["maxp"] = maxp,
        };
        // Hinting programs are kept so the glyphs render as the font designer intended at small sizes.
        foreach (var tag in new[] { "cvt ", "fpgm", "prep" })
        {
            if (font.HasTable(tag))
            {
                tables[tag] = font.TableBytes(tag).ToArray();
            }
        }
        return (SfntWriter.Write(tables), newIds);
    }

    private static List<int> Components(ReadOnlySpan<byte> glyph)
    {
        var result = new List<int>();
        if (glyph.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyph) >= 0)
        {
            return result;
        }
        var at = 10;
        while (at + 4 <= glyph.Length)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(glyph[at..]);
            result.Add(BinaryPrimitives.ReadUInt16BigEndian(glyph[(at + 2)..]));
            at += ComponentLength(flags);
            if ((flags & MoreComponents) == 0)
            {
                break;
            }
        }
        return result;
    }

    private static void RemapComponents(byte[] glyph, Dictionary<int, int> newIds)
    {
        if (glyph.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyph) >= 0)
        {
            return;
        }
        var at = 10;
        while (at + 4 <= glyph.Length)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(at));
            var old = BinaryPrimitives.ReadUInt16BigEndian(glyph.AsSpan(at + 2));
            BinaryPrimitives.WriteUInt16BigEndian(glyph.AsSpan(at + 2), (ushort)newIds.GetValueOrDefault(old));
            at += ComponentLength(flags);
            if ((flags & MoreComponents) == 0)
            {
                break;
            }
        }
    }

    private static int ComponentLength(ushort flags)
    {
        var length = 4 + ((flags & 0x1) != 0 ? 4 : 2);
        if ((flags & 0x8) != 0)
        {
            length += 2;
        }
        else if ((flags & 0x40) != 0)
        {
            length += 4;
        }
        else if ((flags & 0x80) != 0)
        {
            length += 8;
        }
        return length;
    }
}
