using System.Globalization;
using System.Text;
using Storefront.Downloads.Stamping.Fonts;

namespace Storefront.Downloads.Stamping;

/// <summary>Writes the content-stream operators that close the original content and draw the footer.</summary>
internal static class StampContent
{
    public static byte[] Prefix(int saves) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("q\n", saves)));

    public static byte[] Suffix(
        ContentBalance balance, bool hasOriginal, PageGeometry page, StampLayout layout, ShapedLine line,
        IReadOnlyDictionary<StampFont, string> fontNames, string stateName, string fingerprint)
    {
        var s = new StringBuilder(512);
        if (hasOriginal)
        {
            s.Append('\n');
            if (balance.InText)
            {
                s.Append("ET\n");
            }
            s.Insert(s.Length, "EMC\n", balance.OpenMarkedContent);
            s.Insert(s.Length, "Q\n", balance.Restores);
        }
        // The footer is a pagination artifact (tagged-PDF readers skip it) whose property list carries
        // the purchase fingerprint inside the page itself, where stripping document metadata cannot reach.
        s.Append("q\n/Artifact <</Type /Pagination /Subtype /Footer /SFID (").Append(fingerprint).Append(")>> BDC\n");
        s.AppendJoin(' ', page.DisplayToUserSpace.Select(Num)).Append(" cm\n");
        var (x, y, w, h) = layout.Label;
        s.Append("q /").Append(stateName).Append(" gs 1 1 1 rg ")
         .Append(Num(x)).Append(' ').Append(Num(y)).Append(' ').Append(Num(w)).Append(' ').Append(Num(h)).Append(" re f Q\n");
        s.Append("0.12 0.12 0.12 rg\nBT\n0 Tc 0 Tw 100 Tz 0 Ts 0 Tr\n");
        s.Append("1 0 0 1 ").Append(Num(layout.X)).Append(' ').Append(Num(layout.Baseline)).Append(" Tm\n");
        foreach (var run in line.Runs)
        {
            s.Append('/').Append(fontNames[run.Font]).Append(' ').Append(Num(layout.FontSize)).Append(" Tf ");
            s.Append(run.Font.IsEmbedded ? Hex(run.Encoded) : Literal(run.Encoded)).Append(" Tj\n");
        }
        s.Append("ET\nEMC\nQ\n");
        return Encoding.ASCII.GetBytes(s.ToString());
    }

    private static string Num(double value) =>
        Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);

    private static string Hex(byte[] bytes) => "<" + Convert.ToHexString(bytes) + ">";

    private static string Literal(byte[] bytes)
    {
        var s = new StringBuilder(bytes.Length + 2).Append('(');
        foreach (var b in bytes)
        {
            if (b is (byte)'(' or (byte)')' or (byte)'\\')
            {
                s.Append('\\').Append((char)b);
            }
            else if (b is < 0x20 or > 0x7E)
            {
                // Octal keeps the content stream plain ASCII whatever the WinAnsi byte.
                s.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
            }
            else
            {
                s.Append((char)b);
            }
        }
        return s.Append(')').ToString();
    }
}
