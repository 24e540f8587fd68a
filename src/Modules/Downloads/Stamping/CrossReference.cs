using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// The one cross-reference section of a file qpdf wrote (not linearized, so one): a classic <c>xref</c> table with
/// its trailer, or an xref stream (/W, /Index, Flate with a PNG predictor). Read once from a copy template, and
/// written again for each copy with every in-file offset moved by what changed before it; entries inside object
/// streams (type 2) stay as they are.
/// </summary>
internal sealed class CrossReference
{
    /// <summary>An xref stream's table (entries × field widths) from this size on is deflated.</summary>
    private const int CompressFrom = 16 << 10;

    private CrossReference(bool isStream, long start, List<(int First, int Count)> subsections, byte[] types, long[] offsets, long[] thirds)
    {
        IsStream = isStream;
        Start = start;
        Subsections = subsections;
        Types = types;
        Offsets = offsets;
        Thirds = thirds;
    }

    /// <summary>An xref stream rather than a classic table.</summary>
    public bool IsStream { get; }

    /// <summary>Where the section starts (<c>startxref</c>): the <c>xref</c> keyword, or the xref stream object.</summary>
    public long Start { get; }

    public List<(int First, int Count)> Subsections { get; }

    /// <summary>Per entry, in subsection order: 0 free, 1 in the file at <see cref="Offsets"/>, 2 in an object stream.</summary>
    public byte[] Types { get; }

    /// <summary>Per entry: the byte offset (type 1), the object stream's number (type 2), the next free object (type 0).</summary>
    public long[] Offsets { get; }

    /// <summary>Per entry: the generation (types 0 and 1) or the index within the object stream (type 2).</summary>
    public long[] Thirds { get; }

    /// <summary>A classic table's trailer, from <c>trailer</c> up to <c>startxref</c>.</summary>
    public byte[] Trailer { get; private init; } = [];

    /// <summary>An xref stream's object number and generation, its dictionary entries (with the bytes they point into), and its /W.</summary>
    public (int Number, int Generation) StreamObject { get; private init; }

    public byte[] StreamDictionary { get; private init; } = [];

    public List<PdfSyntax.Entry> StreamEntries { get; private init; } = [];

    public int[] Widths { get; private init; } = [];

    /// <summary>Where <c>startxref</c> says the section starts.</summary>
    public static long FindStart(ReadOnlySpan<byte> pdf)
    {
        var tail = pdf[Math.Max(0, pdf.Length - 1024)..];
        var keyword = tail.LastIndexOf("startxref"u8);
        if (keyword < 0)
        {
            throw new TemplateUnusableException("no startxref");
        }
        var at = PdfSyntax.SkipWhite(tail, keyword + 9);
        return PdfSyntax.Integer(tail, ref at);
    }

    public static CrossReference Read(ReadOnlySpan<byte> pdf)
    {
        var start = FindStart(pdf);
        if (start <= 0 || start >= pdf.Length)
        {
            throw new TemplateUnusableException($"startxref {start} is outside the file");
        }
        return pdf[(int)start..].StartsWith("xref"u8) ? ReadTable(pdf, (int)start) : ReadStream(pdf, (int)start);
    }

    private static CrossReference ReadTable(ReadOnlySpan<byte> pdf, int start)
    {
        var at = start + 4;
        var subsections = new List<(int, int)>();
        var types = new List<byte>();
        var offsets = new List<long>();
        var thirds = new List<long>();
        while (true)
        {
            at = PdfSyntax.SkipWhite(pdf, at);
            if (pdf[at..].StartsWith("trailer"u8))
            {
                break;
            }
            var first = (int)PdfSyntax.Integer(pdf, ref at);
            at = PdfSyntax.SkipWhite(pdf, at);
            var count = (int)PdfSyntax.Integer(pdf, ref at);
            subsections.Add((first, count));
            for (var i = 0; i < count; i++)
            {
                at = PdfSyntax.SkipWhite(pdf, at);
                offsets.Add(PdfSyntax.Integer(pdf, ref at));
                at = PdfSyntax.SkipWhite(pdf, at);
                thirds.Add(PdfSyntax.Integer(pdf, ref at));
                at = PdfSyntax.SkipWhite(pdf, at);
                types.Add(pdf[at] switch
                {
                    (byte)'n' => 1,
                    (byte)'f' => 0,
                    _ => throw new TemplateUnusableException($"xref entry type '{(char)pdf[at]}'"),
                });
                at++;
            }
        }
        var end = pdf[at..].IndexOf("startxref"u8);
        if (end < 0)
        {
            throw new TemplateUnusableException("no startxref after the trailer");
        }
        return new CrossReference(false, start, subsections, [.. types], [.. offsets], [.. thirds]) { Trailer = pdf.Slice(at, end).ToArray() };
    }

    private static CrossReference ReadStream(ReadOnlySpan<byte> pdf, int start)
    {
        var at = PdfSyntax.ObjectHeader(pdf, start, out var number, out var generation);
        var dictionaryStart = PdfSyntax.SkipWhite(pdf, at);
        var entries = PdfSyntax.Dictionary(pdf, dictionaryStart, out var dictionaryEnd);
        // Entries are kept relative to the dictionary's own bytes, which each copy writes again.
        var dictionary = pdf[dictionaryStart..dictionaryEnd].ToArray();
        entries = entries.Select(e => e with { ValueStart = e.ValueStart - dictionaryStart, ValueEnd = e.ValueEnd - dictionaryStart }).ToList();

        var widths = Required(dictionary, entries, "/W").Select(w => (int)w).ToArray();
        if (widths.Length != 3 || widths.Any(w => w is < 0 or > 8))
        {
            throw new TemplateUnusableException("an xref stream /W that is not three widths");
        }
        var size = (int)Number(dictionary, entries, "/Size");
        var index = PdfSyntax.Find(entries, "/Index") is { } indexEntry ? PdfSyntax.Integers(dictionary, indexEntry) : [0, size];
        var subsections = new List<(int, int)>();
        for (var i = 0; i + 1 < index.Count; i += 2)
        {
            subsections.Add(((int)index[i], (int)index[i + 1]));
        }

        var data = StreamData(pdf, dictionary, entries, dictionaryEnd);
        var rowLength = widths.Sum();
        var count = subsections.Sum(s => s.Item2);
        if (data.Length < count * rowLength)
        {
            throw new TemplateUnusableException($"an xref stream of {data.Length} bytes for {count} entries");
        }
        var types = new byte[count];
        var offsets = new long[count];
        var thirds = new long[count];
        for (var i = 0; i < count; i++)
        {
            var row = data.AsSpan(i * rowLength, rowLength);
            types[i] = widths[0] == 0 ? (byte)1 : (byte)Field(row[..widths[0]]);
            offsets[i] = Field(row.Slice(widths[0], widths[1]));
            thirds[i] = Field(row.Slice(widths[0] + widths[1], widths[2]));
        }
        return new CrossReference(true, start, subsections, types, offsets, thirds)
        {
            StreamObject = (number, generation),
            StreamDictionary = dictionary,
            StreamEntries = entries,
            Widths = widths,
        };
    }

    /// <summary>The xref stream's data, inflated and with its PNG predictor undone.</summary>
    private static byte[] StreamData(ReadOnlySpan<byte> pdf, byte[] dictionary, List<PdfSyntax.Entry> entries, int dictionaryEnd)
    {
        var at = PdfSyntax.SkipWhite(pdf, dictionaryEnd);
        PdfSyntax.Expect(pdf, at, "stream"u8);
        at += 6;
        at += pdf[at..].StartsWith("\r\n"u8) ? 2 : 1;
        var length = (int)Number(dictionary, entries, "/Length");
        var raw = pdf.Slice(at, length).ToArray();
        var filter = PdfSyntax.Find(entries, "/Filter") is { } f ? PdfSyntax.Text(dictionary, f) : null;
        if (filter is not (null or "/FlateDecode"))
        {
            throw new TemplateUnusableException($"an xref stream filtered with {filter}");
        }
        var data = raw;
        if (filter is not null)
        {
            using var inflated = new MemoryStream();
            using (var zlib = new ZLibStream(new MemoryStream(raw), CompressionMode.Decompress))
            {
                zlib.CopyTo(inflated);
            }
            data = inflated.ToArray();
        }
        if (PdfSyntax.Find(entries, "/DecodeParms") is not { } parms)
        {
            return data;
        }
        var parmEntries = PdfSyntax.Dictionary(dictionary, parms.ValueStart, out _);
        var predictor = PdfSyntax.Find(parmEntries, "/Predictor") is { } p ? long.Parse(PdfSyntax.Text(dictionary, p), CultureInfo.InvariantCulture) : 1;
        if (predictor == 1)
        {
            return data;
        }
        if (predictor < 10)
        {
            throw new TemplateUnusableException($"an xref stream with predictor {predictor}");
        }
        var columns = PdfSyntax.Find(parmEntries, "/Columns") is { } c ? int.Parse(PdfSyntax.Text(dictionary, c), CultureInfo.InvariantCulture) : 1;
        return Unpredict(data, columns);
    }

    /// <summary>Undoes PNG row filters (one byte per pixel, as an xref stream has).</summary>
    private static byte[] Unpredict(byte[] data, int columns)
    {
        var rows = data.Length / (columns + 1);
        var output = new byte[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            var filter = data[r * (columns + 1)];
            var input = data.AsSpan((r * (columns + 1)) + 1, columns);
            var row = output.AsSpan(r * columns, columns);
            var above = r == 0 ? new byte[columns] : output.AsSpan((r - 1) * columns, columns);
            for (var i = 0; i < columns; i++)
            {
                int left = i > 0 ? row[i - 1] : 0, up = above[i], corner = i > 0 ? above[i - 1] : 0;
                row[i] = (byte)(input[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, corner),
                    _ => throw new TemplateUnusableException($"PNG filter {filter}"),
                });
            }
        }
        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static long Field(ReadOnlySpan<byte> bytes)
    {
        long value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }
        return value;
    }

    private static List<long> Required(byte[] dictionary, List<PdfSyntax.Entry> entries, string key) =>
        PdfSyntax.Find(entries, key) is { } entry ? PdfSyntax.Integers(dictionary, entry) : throw new TemplateUnusableException($"an xref stream without {key}");

    private static long Number(byte[] dictionary, List<PdfSyntax.Entry> entries, string key) =>
        PdfSyntax.Find(entries, key) is { } entry && long.TryParse(PdfSyntax.Text(dictionary, entry), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new TemplateUnusableException($"an xref stream without a direct {key}");

    /// <summary>
    /// Writes the section again for a copy: <paramref name="moved"/> gives each in-file offset its place in the copy,
    /// <paramref name="start"/> is where the section goes, and <paramref name="id"/> patches qpdf's placeholder /ID.
    /// Ends with <c>startxref</c> and <c>%%EOF</c>.
    /// </summary>
    public void Write(IBufferWriter<byte> output, Func<long, long> moved, long start, DocumentId? id)
    {
        if (IsStream)
        {
            WriteStream(output, moved, start, id);
        }
        else
        {
            WriteTable(output, moved, id);
        }
        Ascii(output, $"startxref\n{start}\n%%EOF\n");
    }

    private void WriteTable(IBufferWriter<byte> output, Func<long, long> moved, DocumentId? id)
    {
        Ascii(output, "xref\n");
        var entry = 0;
        foreach (var (first, count) in Subsections)
        {
            Ascii(output, $"{first} {count}\n");
            for (var i = 0; i < count; i++, entry++)
            {
                var span = output.GetSpan(20);
                var offset = Types[entry] == 1 ? moved(Offsets[entry]) : Offsets[entry];
                offset.TryFormat(span, out _, "D10", CultureInfo.InvariantCulture);
                span[10] = (byte)' ';
                Thirds[entry].TryFormat(span[11..], out _, "D5", CultureInfo.InvariantCulture);
                span[16] = (byte)' ';
                span[17] = Types[entry] == 1 ? (byte)'n' : (byte)'f';
                span[18] = (byte)' ';
                span[19] = (byte)'\n';
                output.Advance(20);
            }
        }
        var trailer = output.GetSpan(Trailer.Length)[..Trailer.Length];
        Trailer.CopyTo(trailer);
        id?.Patch(trailer, final: true);
        output.Advance(Trailer.Length);
    }

    private void WriteStream(IBufferWriter<byte> output, Func<long, long> moved, long start, DocumentId? id)
    {
        // The stream's own entry points at where it now starts; every other in-file entry moves with its object.
        var offsets = new long[Offsets.Length];
        var entry = 0;
        foreach (var (first, count) in Subsections)
        {
            for (var i = 0; i < count; i++, entry++)
            {
                offsets[entry] = Types[entry] != 1 ? Offsets[entry] : first + i == StreamObject.Number ? start : moved(Offsets[entry]);
            }
        }
        var second = Math.Max(Widths[1], BytesFor(offsets.DefaultIfEmpty().Max()));
        int[] widths = [1, second, Math.Max(Widths[2], BytesFor(Thirds.DefaultIfEmpty().Max()))];
        var columns = widths.Sum();
        var table = new byte[Offsets.Length * columns];
        for (var i = 0; i < Offsets.Length; i++)
        {
            var row = table.AsSpan(i * columns, columns);
            row[0] = Types[i];
            Put(row.Slice(1, widths[1]), offsets[i]);
            Put(row.Slice(1 + widths[1], widths[2]), Thirds[i]);
        }
        // A small table goes out as it is: compressing it would take zlib's few hundred KB of state, more than a small
        // master, for a saving of a few KB.
        var compressed = table.Length >= CompressFrom ? Compress(table, columns) : null;
        var replaced = new Dictionary<string, string?>
        {
            ["/Length"] = (compressed?.Length ?? table.Length).ToString(CultureInfo.InvariantCulture),
            ["/Filter"] = compressed is null ? null : "/FlateDecode",
            ["/DecodeParms"] = compressed is null ? null : $"<< /Columns {columns} /Predictor 12 >>",
            ["/W"] = $"[ {widths[0]} {widths[1]} {widths[2]} ]",
        };
        var dictionary = new StringBuilder("<<");
        foreach (var e in StreamEntries.Where(e => !replaced.ContainsKey(e.Key)))
        {
            dictionary.Append(' ').Append(e.Key).Append(' ').Append(Encoding.Latin1.GetString(StreamDictionary.AsSpan(e.ValueStart, e.ValueEnd - e.ValueStart)));
        }
        foreach (var (key, value) in replaced.Where(e => e.Value is not null))
        {
            dictionary.Append(' ').Append(key).Append(' ').Append(value);
        }
        dictionary.Append(" >>");
        var head = Encoding.Latin1.GetBytes($"{StreamObject.Number} {StreamObject.Generation} obj\n{dictionary}\nstream\n");
        id?.Patch(head, final: true);
        output.Write(head);
        output.Write(compressed ?? table);
        Ascii(output, "\nendstream\nendobj\n");
    }

    /// <summary>PNG "up" rows, as qpdf writes them (offsets that climb slowly leave mostly zeros), deflated.</summary>
    private static byte[] Compress(byte[] table, int columns)
    {
        var entries = table.Length / columns;
        var rows = new byte[entries * (columns + 1)];
        for (var i = 0; i < entries; i++)
        {
            var row = rows.AsSpan(i * (columns + 1), columns + 1);
            row[0] = 2;
            for (var j = 0; j < columns; j++)
            {
                row[j + 1] = (byte)(table[i * columns + j] - (i == 0 ? 0 : table[(i - 1) * columns + j]));
            }
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(rows);
        }
        return compressed.ToArray();
    }

    private static int BytesFor(long value)
    {
        var bytes = 1;
        while (value >= 1L << (8 * bytes) && bytes < 8)
        {
            bytes++;
        }
        return bytes;
    }

    private static void Put(Span<byte> field, long value)
    {
        for (var i = field.Length - 1; i >= 0; i--)
        {
            field[i] = (byte)value;
            value >>= 8;
        }
    }

    internal static void Ascii(IBufferWriter<byte> output, string text) => output.Write(Encoding.ASCII.GetBytes(text));
}
