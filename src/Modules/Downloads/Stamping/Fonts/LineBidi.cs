using System.Globalization;

namespace Storefront.Downloads.Stamping.Fonts;

/// <summary>
/// The parts of the Unicode Bidirectional Algorithm (UAX #9) that one stamp line needs, because .NET has no
/// bidi algorithm of its own: the paragraph level from the first strong character (P2–P3), weak types
/// (W1–W7: marks, European and Arabic numbers and their separators), neutrals resolved by their strong
/// neighbours (N1–N2), implicit levels (I1–I2), trailing spaces (L1) and reordering (L2).
/// Explicit embeddings and isolates are left out: <see cref="StampTemplate"/> turns format characters,
/// bidi controls among them, into spaces, so a line never contains one. Bidi types come from code point
/// ranges covering the scripts a name is written in, not from the full Unicode database.
/// </summary>
internal static class LineBidi
{
    private enum BidiType : byte { L, R, AL, EN, AN, ES, ET, CS, NSM, WS, ON }

    /// <summary>The embedding level of each code point (even: left to right, odd: right to left).</summary>
    public static byte[] Levels(IReadOnlyList<int> codePoints)
    {
        var n = codePoints.Count;
        var t = new BidiType[n];
        for (var i = 0; i < n; i++)
        {
            t[i] = Classify(codePoints[i]);
        }
        var paragraph = ParagraphLevel(t);
        var sos = paragraph == 1 ? BidiType.R : BidiType.L;
        ResolveWeak(t, sos);
        ResolveNeutral(t, sos, sos);

        var levels = new byte[n];
        for (var i = 0; i < n; i++)
        {
            levels[i] = (paragraph, t[i]) switch
            {
                (0, BidiType.R) => 1,
                (0, BidiType.EN or BidiType.AN) => 2,
                (0, _) => 0,
                (_, BidiType.L or BidiType.EN or BidiType.AN) => 2,
                _ => 1,
            };
        }
        // L1: spaces at the end of the line go back to the paragraph level.
        for (var i = n - 1; i >= 0 && Classify(codePoints[i]) == BidiType.WS; i--)
        {
            levels[i] = paragraph;
        }
        return levels;
    }

    /// <summary>L2: the order in which items with these levels are displayed, left to right.</summary>
    public static int[] VisualOrder(IReadOnlyList<byte> levels)
    {
        var order = Enumerable.Range(0, levels.Count).ToArray();
        if (levels.Count == 0)
        {
            return order;
        }
        var highest = levels.Max();
        var lowestOdd = levels.Min() | 1;
        for (var level = highest; level >= lowestOdd; level--)
        {
            for (var i = 0; i < order.Length;)
            {
                if (levels[order[i]] < level)
                {
                    i++;
                    continue;
                }
                var end = i;
                while (end < order.Length && levels[order[end]] >= level)
                {
                    end++;
                }
                Array.Reverse(order, i, end - i);
                i = end;
            }
        }
        return order;
    }

    private static byte ParagraphLevel(BidiType[] t)
    {
        foreach (var type in t)
        {
            if (type == BidiType.L)
            {
                return 0;
            }
            if (type is BidiType.R or BidiType.AL)
            {
                return 1;
            }
        }
        return 0;
    }

    private static void ResolveWeak(BidiType[] t, BidiType sos)
    {
        var n = t.Length;
        // W1: a combining mark takes the type of the character it sits on.
        for (var i = 0; i < n; i++)
        {
            if (t[i] == BidiType.NSM)
            {
                t[i] = i == 0 ? sos : t[i - 1];
            }
        }
        // W2: digits after Arabic letters are Arabic numbers. W3: Arabic letters are right to left.
        var lastStrong = sos;
        for (var i = 0; i < n; i++)
        {
            if (t[i] is BidiType.L or BidiType.R or BidiType.AL)
            {
                lastStrong = t[i];
            }
            else if (t[i] == BidiType.EN && lastStrong == BidiType.AL)
            {
                t[i] = BidiType.AN;
            }
        }
        for (var i = 0; i < n; i++)
        {
            if (t[i] == BidiType.AL)
            {
                t[i] = BidiType.R;
            }
        }
        // W4: one separator between two numbers of the same kind joins them (1,000 · 3.5 · 1+2).
        for (var i = 1; i + 1 < n; i++)
        {
            if (t[i] == BidiType.ES && t[i - 1] == BidiType.EN && t[i + 1] == BidiType.EN)
            {
                t[i] = BidiType.EN;
            }
            else if (t[i] == BidiType.CS && t[i - 1] == t[i + 1] && t[i - 1] is BidiType.EN or BidiType.AN)
            {
                t[i] = t[i - 1];
            }
        }
        // W5: currency and percent signs next to a European number belong to it.
        for (var i = 0; i < n;)
        {
            if (t[i] != BidiType.ET)
            {
                i++;
                continue;
            }
            var end = i;
            while (end < n && t[end] == BidiType.ET)
            {
                end++;
            }
            if ((i > 0 && t[i - 1] == BidiType.EN) || (end < n && t[end] == BidiType.EN))
            {
                Array.Fill(t, BidiType.EN, i, end - i);
            }
            i = end;
        }
        // W6: other separators are neutral. W7: European numbers in left-to-right text are left to right.
        lastStrong = sos;
        for (var i = 0; i < n; i++)
        {
            if (t[i] is BidiType.ES or BidiType.ET or BidiType.CS)
            {
                t[i] = BidiType.ON;
            }
            if (t[i] is BidiType.L or BidiType.R)
            {
                lastStrong = t[i];
            }
            else if (t[i] == BidiType.EN && lastStrong == BidiType.L)
            {
                t[i] = BidiType.L;
            }
        }
    }

    /// <summary>N1–N2: neutrals between two runs of the same direction take it, others the paragraph's.</summary>
    private static void ResolveNeutral(BidiType[] t, BidiType sos, BidiType eos)
    {
        var n = t.Length;
        for (var i = 0; i < n;)
        {
            if (t[i] is not (BidiType.WS or BidiType.ON))
            {
                i++;
                continue;
            }
            var end = i;
            while (end < n && t[end] is BidiType.WS or BidiType.ON)
            {
                end++;
            }
            var before = i == 0 ? sos : Direction(t[i - 1]);
            var after = end == n ? eos : Direction(t[end]);
            Array.Fill(t, before == after ? before : sos, i, end - i);
            i = end;
        }
    }

    private static BidiType Direction(BidiType type) => type == BidiType.L ? BidiType.L : BidiType.R;

    private static BidiType Classify(int c)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        // Joiners (boundary neutral in UAX #9) go with the character before them, as marks do.
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark || c is 0x200C or 0x200D)
        {
            return BidiType.NSM;
        }
        return c switch
        {
            >= '0' and <= '9' or 0xB2 or 0xB3 or 0xB9 or >= 0x2070 and <= 0x2079 or >= 0x06F0 and <= 0x06F9
                or >= 0xFF10 and <= 0xFF19 => BidiType.EN,
            >= 0x0600 and <= 0x0605 or >= 0x0660 and <= 0x0669 or 0x066B or 0x066C or 0x06DD => BidiType.AN,
            '+' or '-' or 0x207A or 0x207B or 0x2212 or 0xFF0B or 0xFF0D => BidiType.ES,
            ',' or '.' or '/' or ':' or 0xA0 or 0x060C or 0x202F or 0x2044 or 0xFF0C or 0xFF0E or 0xFF0F or 0xFF1A => BidiType.CS,
            '#' or '$' or '%' or >= 0xA2 and <= 0xA5 or 0xB0 or 0xB1 or 0x066A or >= 0x2030 and <= 0x2034
                or >= 0x20A0 and <= 0x20CF => BidiType.ET,
            >= 0x0590 and <= 0x05FF or >= 0x07C0 and <= 0x085F or >= 0xFB1D and <= 0xFB4F
                or >= 0x10800 and <= 0x10FFF or >= 0x1E800 and <= 0x1EFFF => BidiType.R,
            >= 0x0600 and <= 0x07BF or >= 0x0860 and <= 0x08FF or >= 0xFB50 and <= 0xFDFF
                or >= 0xFE70 and <= 0xFEFF => BidiType.AL,
            _ => category switch
            {
                UnicodeCategory.SpaceSeparator => BidiType.WS,
                UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.SpacingCombiningMark
                    or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.PrivateUse => BidiType.L,
                _ => BidiType.ON,
            },
        };
    }
}
