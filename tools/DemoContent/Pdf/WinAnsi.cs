using System.Text;

namespace DemoContent.Pdf;

/// <summary>
/// Turns text into PDF string literals in WinAnsiEncoding. Characters outside the encoding fail
/// loudly, because a viewer would otherwise show a wrong glyph with no error anywhere.
/// </summary>
public static class WinAnsi
{
    public static byte Encode(char c) => c switch
    {
        >= ' ' and <= '~' => (byte)c,
        '\u00A0' or '\u00A9' or '\u00B0' or '\u00D7' => (byte)c,
        '\u2026' => 0x85,
        '\u2018' => 0x91,
        '\u2019' => 0x92,
        '\u201C' => 0x93,
        '\u201D' => 0x94,
        '\u2022' => 0x95,
        '\u2013' => 0x96,
        '\u2014' => 0x97,
        _ => throw new ArgumentException($"U+{(int)c:X4} '{c}' is not in WinAnsiEncoding"),
    };

    /// <summary>A literal string such as <c>(Chapter 1\222s title)</c>; non-ASCII bytes become octal escapes so the file stays 7-bit.</summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('(');
        foreach (var c in text)
        {
            var b = Encode(c);
            switch (b)
            {
                case (byte)'(' or (byte)')' or (byte)'\\':
                    sb.Append('\\').Append((char)b);
                    break;
                case < 0x20 or > 0x7E:
                    sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                    break;
                default:
                    sb.Append((char)b);
                    break;
            }
        }

        return sb.Append(')').ToString();
    }
}
