using System.Globalization;
using System.Text;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// Just enough PDF syntax to read what qpdf itself writes: an object's header, a dictionary's top-level entries
/// (each value as its byte span), numbers. Only ever used on qpdf's own output, never on a master.
/// </summary>
internal static class PdfSyntax
{
    /// <summary>One top-level dictionary entry: its key (with the slash) and where its value lies.</summary>
    public readonly record struct Entry(string Key, int ValueStart, int ValueEnd);

    public static bool IsWhite(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0;

    public static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']'
        or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    public static int SkipWhite(ReadOnlySpan<byte> pdf, int at)
    {
        while (at < pdf.Length)
        {
            if (IsWhite(pdf[at]))
            {
                at++;
            }
            else if (pdf[at] == (byte)'%')
            {
                while (at < pdf.Length && pdf[at] is not ((byte)'\n' or (byte)'\r'))
                {
                    at++;
                }
            }
            else
            {
                break;
            }
        }
        return at;
    }

    /// <summary>Reads "N G obj" at <paramref name="at"/>; returns the position after it.</summary>
    public static int ObjectHeader(ReadOnlySpan<byte> pdf, int at, out int number, out int generation)
    {
        at = SkipWhite(pdf, at);
        number = (int)Integer(pdf, ref at);
        at = SkipWhite(pdf, at);
        generation = (int)Integer(pdf, ref at);
        at = SkipWhite(pdf, at);
        Expect(pdf, at, "obj"u8);
        return at + 3;
    }

    public static long Integer(ReadOnlySpan<byte> pdf, ref int at)
    {
        var start = at;
        while (at < pdf.Length && pdf[at] is >= (byte)'0' and <= (byte)'9')
        {
            at++;
        }
        if (at == start || !long.TryParse(pdf[start..at], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Unexpected(pdf, start, "a number");
        }
        return value;
    }

    /// <summary>The entries of the dictionary that starts at <paramref name="at"/>; <paramref name="end"/> is after its closing ">>".</summary>
    public static List<Entry> Dictionary(ReadOnlySpan<byte> pdf, int at, out int end)
    {
        at = SkipWhite(pdf, at);
        Expect(pdf, at, "<<"u8);
        at += 2;
        var entries = new List<Entry>();
        while (true)
        {
            at = SkipWhite(pdf, at);
            if (pdf[at..].StartsWith(">>"u8))
            {
                end = at + 2;
                return entries;
            }
            if (pdf[at] != (byte)'/')
            {
                throw Unexpected(pdf, at, "a name");
            }
            var keyEnd = SkipToken(pdf, at);
            var key = Encoding.ASCII.GetString(pdf[at..keyEnd]);
            var valueStart = SkipWhite(pdf, keyEnd);
            var valueEnd = SkipValue(pdf, valueStart);
            // "12 0 R": an integer followed by an integer and R is one value.
            if (IsInteger(pdf[valueStart..valueEnd]))
            {
                var generation = SkipWhite(pdf, valueEnd);
                if (generation < pdf.Length && pdf[generation] is >= (byte)'0' and <= (byte)'9')
                {
                    var generationEnd = SkipToken(pdf, generation);
                    var r = SkipWhite(pdf, generationEnd);
                    if (IsInteger(pdf[generation..generationEnd]) && r < pdf.Length && pdf[r] == (byte)'R'
                        && (r + 1 == pdf.Length || IsWhite(pdf[r + 1]) || IsDelimiter(pdf[r + 1])))
                    {
                        valueEnd = r + 1;
                    }
                }
            }
            entries.Add(new Entry(key, valueStart, valueEnd));
            at = valueEnd;
        }
    }

    public static Entry? Find(List<Entry> entries, string key)
    {
        foreach (var entry in entries)
        {
            if (entry.Key == key)
            {
                return entry;
            }
        }
        return null;
    }

    public static string Text(ReadOnlySpan<byte> pdf, Entry entry) => Encoding.ASCII.GetString(pdf[entry.ValueStart..entry.ValueEnd]);

    /// <summary>The integers of an array value such as "[ 1 3 1 ]".</summary>
    public static List<long> Integers(ReadOnlySpan<byte> pdf, Entry entry)
    {
        var values = new List<long>();
        var at = entry.ValueStart;
        Expect(pdf, at, "["u8);
        at++;
        while (true)
        {
            at = SkipWhite(pdf, at);
            if (pdf[at] == (byte)']')
            {
                return values;
            }
            values.Add(Integer(pdf, ref at));
        }
    }

    /// <summary>The position after one value (a dictionary, array, string, name or plain token) starting at <paramref name="at"/>.</summary>
    public static int SkipValue(ReadOnlySpan<byte> pdf, int at)
    {
        at = SkipWhite(pdf, at);
        if (pdf[at..].StartsWith("<<"u8))
        {
            Dictionary(pdf, at, out var end);
            return end;
        }
        switch (pdf[at])
        {
            case (byte)'<':
                var close = pdf[at..].IndexOf((byte)'>');
                return close < 0 ? throw Unexpected(pdf, at, "the end of a hex string") : at + close + 1;
            case (byte)'[':
                at++;
                while (true)
                {
                    at = SkipWhite(pdf, at);
                    if (pdf[at] == (byte)']')
                    {
                        return at + 1;
                    }
                    at = SkipValue(pdf, at);
                }
            case (byte)'(':
                var depth = 0;
                for (; at < pdf.Length; at++)
                {
                    switch (pdf[at])
                    {
                        case (byte)'\\':
                            at++;
                            break;
                        case (byte)'(':
                            depth++;
                            break;
                        case (byte)')' when --depth == 0:
                            return at + 1;
                    }
                }
                throw Unexpected(pdf, at, "the end of a string");
            default:
                return SkipToken(pdf, at);
        }
    }

    private static int SkipToken(ReadOnlySpan<byte> pdf, int at)
    {
        var start = at;
        if (pdf[at] == (byte)'/')
        {
            at++;
        }
        while (at < pdf.Length && !IsWhite(pdf[at]) && !IsDelimiter(pdf[at]))
        {
            at++;
        }
        return at == start ? throw Unexpected(pdf, at, "a token") : at;
    }

    private static bool IsInteger(ReadOnlySpan<byte> token)
    {
        foreach (var b in token)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }
        return !token.IsEmpty;
    }

    public static void Expect(ReadOnlySpan<byte> pdf, int at, ReadOnlySpan<byte> expected)
    {
        if (at < 0 || !pdf[at..].StartsWith(expected))
        {
            throw Unexpected(pdf, at, $"\"{Encoding.ASCII.GetString(expected)}\"");
        }
    }

    private static TemplateUnusableException Unexpected(ReadOnlySpan<byte> pdf, int at, string what) =>
        new($"expected {what} at byte {at}, found \"{Encoding.Latin1.GetString(pdf.Slice(Math.Clamp(at, 0, pdf.Length), Math.Min(16, Math.Max(0, pdf.Length - at))))}\"");
}

/// <summary>qpdf's output is not laid out the way the copy template needs: the copy takes the full qpdf path instead.</summary>
internal sealed class TemplateUnusableException(string message) : Exception(message);
