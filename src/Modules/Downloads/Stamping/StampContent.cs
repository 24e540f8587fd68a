using System.Buffers;
using System.Globalization;
using System.Text;
using Storefront.Downloads.Stamping.Fonts;

namespace Storefront.Downloads.Stamping;

/// <summary>Writes the content-stream operators that close the original content and draw the footer.</summary>
internal static class StampContent
{
    public static byte[] Prefix(int saves) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("q\n", saves)));

    /// <summary>
    /// Writes the operators after a page's own content into <paramref name="output"/>: straight to ASCII
    /// bytes, since a book stamps hundreds of pages and each would otherwise leave strings behind.
    /// </summary>
    public static void Suffix(
        ArrayBufferWriter<byte> output, ContentBalance balance, bool hasOriginal, PageGeometry page, StampLayout layout,
        ShapedLine line, IReadOnlyDictionary<string, string> resourceNames, string stateName, string fingerprint)
    {
        var s = new Ascii(output);
        if (hasOriginal)
        {
            s.Append("\n");
            if (balance.InText)
            {
                s.Append("ET\n");
            }
            s.Repeat("EMC\n", balance.OpenMarkedContent);
            s.Repeat("Q\n", balance.Restores);
        }
        // The footer is a pagination artifact (tagged-PDF readers skip it) whose property list carries
        // the purchase fingerprint inside the page itself, where stripping document metadata cannot reach.
        s.Append("q\n/Artifact <</Type /Pagination /Subtype /Footer /SFID (").Append(fingerprint).Append(")>> BDC\n");
        foreach (var value in page.DisplayToUserSpace)
        {
            s.Num(value).Append(" ");
        }
        s.Append("cm\n");
        var (x, y, w, h) = layout.Label;
        s.Append("q /").Append(stateName).Append(" gs 1 1 1 rg ")
         .Num(x).Append(" ").Num(y).Append(" ").Num(w).Append(" ").Num(h).Append(" re f Q\n");
        s.Append("0.12 0.12 0.12 rg\nBT\n0 Tc 0 Tw 100 Tz 0 Ts 0 Tr\n");
        s.Append("1 0 0 1 ").Num(layout.X).Append(" ").Num(layout.Baseline).Append(" Tm\n");
        foreach (var run in line.Runs)
        {
            s.Append("/").Append(resourceNames[run.Font.ResourceName]).Append(" ").Num(layout.FontSize).Append(" Tf ");
            if (run.Font.IsEmbedded)
            {
                Glyphs(ref s, run.Glyphs, layout.FontSize);
            }
            else
            {
                s.Literal(run.Encoded);
                s.Append(" Tj\n");
            }
        }
        s.Append("ET\nEMC\nQ\n");
    }

    /// <summary>
    /// Shaped glyphs as <c>TJ</c> arrays: CIDs in hex strings, HarfBuzz's kerning and mark offsets as the
    /// numbers between them, a mark raised or lowered (<c>Ts</c>) in an array of its own, and a cluster of
    /// several glyphs inside an ActualText span that gives its text.
    /// </summary>
    private static void Glyphs(ref Ascii s, IReadOnlyList<PlacedGlyph> glyphs, double fontSize)
    {
        var rise = 0.0;
        var state = Tj.Closed;
        var spanLeft = 0;
        foreach (var g in glyphs)
        {
            if (g.ActualText is not null)
            {
                Close(ref s, ref state);
                s.Append("/Span <</ActualText ").Utf16(g.ActualText).Append(">> BDC ");
                spanLeft = g.Span;
            }
            if (g.Rise != rise)
            {
                Close(ref s, ref state);
                s.Num(g.Rise * fontSize / 1000).Append(" Ts ");
                rise = g.Rise;
            }
            if (g.Before != 0)
            {
                Number(ref s, ref state, g.Before);
            }
            s.Append(state switch { Tj.Closed => "[<", Tj.InArray => "<", _ => "" }).Cid(g.Cid);
            state = Tj.InHex;
            if (g.After != 0)
            {
                Number(ref s, ref state, g.After);
            }
            if (spanLeft > 0 && --spanLeft == 0)
            {
                Close(ref s, ref state);
                s.Append("EMC\n");
            }
        }
        Close(ref s, ref state);
        if (rise != 0)
        {
            s.Append("0 Ts\n");
        }
    }

    /// <summary>Where a <c>TJ</c> array being written stands: none open, open between elements, or inside a hex string.</summary>
    private enum Tj { Closed, InArray, InHex }

    private static void Number(ref Ascii s, ref Tj state, double value)
    {
        s.Append(state switch { Tj.Closed => "[", Tj.InHex => "> ", _ => "" }).Num(value).Append(" ");
        state = Tj.InArray;
    }

    private static void Close(ref Ascii s, ref Tj state)
    {
        s.Append(state switch { Tj.InHex => ">] TJ\n", Tj.InArray => "] TJ\n", _ => "" });
        state = Tj.Closed;
    }

    /// <summary>Appends ASCII text, numbers and string operands to a byte buffer.</summary>
    private readonly ref struct Ascii(ArrayBufferWriter<byte> output)
    {
        private readonly ArrayBufferWriter<byte> _output = output;

        public Ascii Append(string text)
        {
            var span = _output.GetSpan(text.Length);
            var written = Encoding.ASCII.GetBytes(text, span);
            _output.Advance(written);
            return this;
        }

        public void Repeat(string text, int times)
        {
            for (var i = 0; i < times; i++)
            {
                Append(text);
            }
        }

        public Ascii Num(double value)
        {
            var span = _output.GetSpan(32);
            if (!Math.Round(value, 4).TryFormat(span, out var written, "0.####", CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException($"{value} does not fit a content-stream number.");
            }
            _output.Advance(written);
            return this;
        }

        /// <summary>A text string as UTF-16BE with its byte order mark, in hex.</summary>
        public Ascii Utf16(string text)
        {
            Append("<FEFF");
            foreach (var c in text)
            {
                Cid(c);
            }
            return Append(">");
        }

        /// <summary>A two-byte code as four hex digits (the inside of a hex string).</summary>
        public Ascii Cid(int cid)
        {
            var span = _output.GetSpan(4);
            cid.TryFormat(span, out _, "X4", CultureInfo.InvariantCulture);
            _output.Advance(4);
            return this;
        }

        public void Literal(byte[] bytes)
        {
            // At most four bytes per input byte (an octal escape), plus the parentheses.
            var span = _output.GetSpan(bytes.Length * 4 + 2);
            var n = 0;
            span[n++] = (byte)'(';
            foreach (var b in bytes)
            {
                if (b is (byte)'(' or (byte)')' or (byte)'\\')
                {
                    span[n++] = (byte)'\\';
                    span[n++] = b;
                }
                else if (b is < 0x20 or > 0x7E)
                {
                    // Octal keeps the content stream plain ASCII whatever the WinAnsi byte.
                    span[n++] = (byte)'\\';
                    span[n++] = (byte)('0' + (b >> 6));
                    span[n++] = (byte)('0' + ((b >> 3) & 7));
                    span[n++] = (byte)('0' + (b & 7));
                }
                else
                {
                    span[n++] = b;
                }
            }
            span[n++] = (byte)')';
            _output.Advance(n);
        }
    }
}
