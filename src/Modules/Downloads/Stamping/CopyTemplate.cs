using System.Buffers;
using System.Globalization;
using System.Text;
using Storefront.Downloads.Stamping.Fonts;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// A master stamped once by qpdf with placeholders where a copy carries its buyer: one footer stream per footer
/// class, the fingerprint in the Info dictionary (an object of its own, never inside an object stream) and in the XMP
/// packet. A buyer's copy is these bytes with the placeholder objects written again for the buyer and the
/// cross-reference section written again with the offsets that moved: one revision, like qpdf's own output, at the
/// cost of copying bytes instead of parsing and serialising every object of the book.
/// </summary>
internal sealed class CopyTemplate
{
    /// <summary>
    /// Masters up to this size are stamped from a template; larger ones stream through qpdf as before. Building a
    /// template holds it twice for a moment (qpdf's buffer and the kept copy) and a template is as large as a copy, so
    /// a 50 MB master's template would cost most of the default cache and, built per copy when it does not fit, more
    /// memory than the stream. A constant, since the path a copy takes must follow from what its entity tag covers.
    /// </summary>
    public const long MaxMasterLength = 16L << 20;

    /// <summary>The fingerprint the template carries in Info and XMP; valid as a fingerprint and found nowhere else.</summary>
    public const string FingerprintPlaceholder = "sftpl-fingerprint-0d5e8a3f6b2c4971a6e2";

    private static readonly byte[] Placeholder = Encoding.ASCII.GetBytes(FingerprintPlaceholder);

    private readonly byte[] _bytes;
    private readonly CrossReference _xref;
    private readonly List<Hole> _holes;
    private readonly IReadOnlyList<FooterClass> _classes;

    private CopyTemplate(byte[] bytes, CrossReference xref, List<Hole> holes, IReadOnlyList<FooterClass> classes, int pages, string message)
    {
        _bytes = bytes;
        _xref = xref;
        _holes = holes;
        _classes = classes;
        PageCount = pages;
        Message = message;
    }

    public int PageCount { get; }
    public string Message { get; }

    /// <summary>What the template holds in memory, roughly.</summary>
    public long Size => _bytes.Length + (_xref.Offsets.Length * 17L) + (_classes.Count * 256L);

    /// <summary>A line drawn with the base-14 Helvetica only: its font objects are the same for every buyer.</summary>
    public static bool Takes(ShapedLine line) => line.Fonts.All(f => !f.IsEmbedded);

    /// <summary>Finds the placeholders in what qpdf wrote. Throws <see cref="TemplateUnusableException"/> if they are not where a copy can replace them.</summary>
    public static CopyTemplate Parse(byte[] bytes, IReadOnlyList<FooterClass> classes, int pages, string message)
    {
        var xref = CrossReference.Read(bytes);
        var body = (int)xref.Start;
        var starts = xref.Offsets.Where((_, i) => xref.Types[i] == 1).Where(o => o < body).Distinct().Order().ToArray();
        var holes = new List<Hole>();

        var found = new bool[classes.Count];
        foreach (var at in Occurrences(bytes.AsSpan(0, body), FooterClasses.MarkerPrefix))
        {
            var (start, end) = ObjectAround(starts, body, at);
            var index = FooterClasses.MarkerIndex(bytes.AsSpan(at));
            var data = PdfSyntax.ObjectHeader(bytes, start, out var number, out var generation);
            PdfSyntax.Dictionary(bytes, data, out var dictionaryEnd);
            if (index < 0 || index >= classes.Count || found[index] || StreamData(bytes, dictionaryEnd) != at)
            {
                throw new TemplateUnusableException($"a footer placeholder at byte {at} that is not a stream of its own");
            }
            found[index] = true;
            holes.Add(new Hole(start, end) { Number = number, Generation = generation, Class = index });
        }
        if (found.Contains(false))
        {
            throw new TemplateUnusableException("a footer placeholder is missing (inside a compressed object?)");
        }

        foreach (var group in Occurrences(bytes.AsSpan(0, body), Placeholder).GroupBy(at => ObjectAround(starts, body, at)))
        {
            var (start, end) = group.Key;
            var afterHeader = PdfSyntax.ObjectHeader(bytes, start, out _, out _);
            var entries = PdfSyntax.Dictionary(bytes, afterHeader, out var dictionaryEnd);
            if (PdfSyntax.Find(entries, "/Type") is { } type && PdfSyntax.Text(bytes, type) == "/ObjStm")
            {
                throw new TemplateUnusableException("the fingerprint placeholder is inside an object stream");
            }
            var hole = new Hole(start, end) { Placeholders = [.. group] };
            if (PdfSyntax.Find(entries, "/Length") is { } length && StreamData(bytes, dictionaryEnd) is var dataStart and > 0)
            {
                var dataLength = int.Parse(PdfSyntax.Text(bytes, length), NumberStyles.None, CultureInfo.InvariantCulture);
                hole = hole with { Length = (length.ValueStart, length.ValueEnd), Data = (dataStart, dataStart + dataLength) };
            }
            holes.Add(hole);
        }
        if (!holes.Any(h => h.Placeholders.Length > 0))
        {
            throw new TemplateUnusableException("the fingerprint placeholder is missing (inside a compressed object?)");
        }
        holes.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new CopyTemplate(bytes, xref, holes, classes, pages, message);
    }

    /// <summary>The buyer's copy: template bytes, the buyer's objects in place of the placeholders, and a new cross-reference section.</summary>
    public CopyBytes Write(ShapedLine line, string fingerprint, DocumentId id, double maxFontSize)
    {
        var generated = new ArrayBufferWriter<byte>(16 << 10);
        var pieces = new List<(bool Generated, int Start, int Length)>(_holes.Count * 2 + 2);
        var ends = new long[_holes.Count];
        var shifts = new long[_holes.Count];
        var footer = new ArrayBufferWriter<byte>(1024);
        var print = Encoding.ASCII.GetBytes(fingerprint);
        var at = 0;
        long shift = 0;
        for (var i = 0; i < _holes.Count; i++)
        {
            var hole = _holes[i];
            pieces.Add((false, at, hole.Start - at));
            var before = generated.WrittenCount;
            if (hole.Placeholders.Length == 0)
            {
                footer.ResetWrittenCount();
                _classes[hole.Class].Write(footer, line, fingerprint, maxFontSize);
                CrossReference.Ascii(generated, $"{hole.Number} {hole.Generation} obj\n<< /Length {footer.WrittenCount} >>\nstream\n");
                generated.Write(footer.WrittenSpan);
                CrossReference.Ascii(generated, "\nendstream\nendobj\n");
            }
            else
            {
                Patch(generated, hole, print);
            }
            var length = generated.WrittenCount - before;
            pieces.Add((true, before, length));
            shift += length - (hole.End - hole.Start);
            ends[i] = hole.End;
            shifts[i] = shift;
            at = hole.End;
        }
        pieces.Add((false, at, (int)_xref.Start - at));

        // An object starting at or after a hole's end moves by every change up to that hole.
        long Moved(long offset)
        {
            var i = Array.BinarySearch(ends, offset);
            var last = i >= 0 ? i : ~i - 1;
            return offset + (last >= 0 ? shifts[last] : 0);
        }
        var before2 = generated.WrittenCount;
        _xref.Write(generated, Moved, _xref.Start + shift, id);
        pieces.Add((true, before2, generated.WrittenCount - before2));

        var all = generated.WrittenMemory;
        return new CopyBytes(pieces.Where(p => p.Length > 0)
            .Select(p => p.Generated ? all.Slice(p.Start, p.Length) : _bytes.AsMemory(p.Start, p.Length)).ToList());
    }

    /// <summary>The template's object with the fingerprint in place of each placeholder and, for a stream, its /Length to match.</summary>
    private void Patch(ArrayBufferWriter<byte> output, Hole hole, byte[] print)
    {
        var cuts = hole.Placeholders.Select(p => (Start: p, End: p + Placeholder.Length, Length: false)).ToList();
        if (hole.Length is { } length)
        {
            cuts.Add((length.Start, length.End, true));
        }
        cuts.Sort((a, b) => a.Start.CompareTo(b.Start));
        var dataLength = hole.Data.End - hole.Data.Start
            + (hole.Placeholders.Count(p => p >= hole.Data.Start && p < hole.Data.End) * (print.Length - Placeholder.Length));
        var at = hole.Start;
        foreach (var cut in cuts)
        {
            output.Write(_bytes.AsSpan(at, cut.Start - at));
            if (cut.Length)
            {
                CrossReference.Ascii(output, dataLength.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                output.Write(print);
            }
            at = cut.End;
        }
        output.Write(_bytes.AsSpan(at, hole.End - at));
    }

    /// <summary>Where a stream's data starts after a dictionary ending at <paramref name="at"/>; 0 if no stream follows.</summary>
    private static int StreamData(ReadOnlySpan<byte> pdf, int at)
    {
        at = PdfSyntax.SkipWhite(pdf, at);
        if (!pdf[at..].StartsWith("stream"u8))
        {
            return 0;
        }
        at += 6;
        return at + (pdf[at..].StartsWith("\r\n"u8) ? 2 : 1);
    }

    /// <summary>The in-file object around <paramref name="at"/>: from its offset to the next object's (or the cross-reference section).</summary>
    private static (int Start, int End) ObjectAround(long[] starts, int body, int at)
    {
        var i = Array.BinarySearch(starts, (long)at);
        var index = i >= 0 ? i : ~i - 1;
        if (index < 0)
        {
            throw new TemplateUnusableException($"byte {at} is in no object");
        }
        return ((int)starts[index], index + 1 < starts.Length ? (int)starts[index + 1] : body);
    }

    private static List<int> Occurrences(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> pattern)
    {
        var found = new List<int>();
        var from = 0;
        int next;
        while ((next = bytes[from..].IndexOf(pattern)) >= 0)
        {
            found.Add(from + next);
            from += next + pattern.Length;
        }
        return found;
    }

    /// <summary>
    /// A template object a copy writes again: a footer class's stream (no <see cref="Placeholders"/>), or an object
    /// whose placeholders become the fingerprint, with a stream's /Length value and data span.
    /// </summary>
    private sealed record Hole(int Start, int End)
    {
        public int Number { get; init; }
        public int Generation { get; init; }
        public int Class { get; init; }
        public int[] Placeholders { get; init; } = [];
        public (int Start, int End)? Length { get; init; }
        public (int Start, int End) Data { get; init; }
    }
}

/// <summary>A copy as the pieces it is made of, in order: slices of its template and bytes written for the buyer.</summary>
internal sealed class CopyBytes(List<ReadOnlyMemory<byte>> pieces)
{
    public long Length { get; } = pieces.Sum(p => (long)p.Length);

    public byte[] ToArray()
    {
        var copy = new byte[Length];
        var at = 0;
        foreach (var piece in pieces)
        {
            piece.Span.CopyTo(copy.AsSpan(at));
            at += piece.Length;
        }
        return copy;
    }

    public async Task WriteToAsync(Stream output, CancellationToken cancellationToken)
    {
        foreach (var piece in pieces)
        {
            await output.WriteAsync(piece, cancellationToken);
        }
    }
}

/// <summary>Pages whose footers are the same bytes for any buyer: same geometry, content balance and resource names.</summary>
internal sealed record FooterClass(ContentBalance Balance, bool HasOriginal, PageGeometry Geometry, IReadOnlyDictionary<string, string> Names, string StateName)
{
    public void Write(ArrayBufferWriter<byte> output, ShapedLine line, string fingerprint, double maxFontSize) =>
        StampContent.Suffix(output, Balance, HasOriginal, Geometry, StampLayout.For(Geometry, line.WidthPerPoint, maxFontSize), line, Names,
            Names[StateName], fingerprint);
}

/// <summary>The footer classes of one master, found while its template is stamped, each with the placeholder its stream carries.</summary>
internal sealed class FooterClasses
{
    /// <summary>Starts every footer placeholder stream; the class number follows.</summary>
    public static ReadOnlySpan<byte> MarkerPrefix => "%sftpl-footer-5b0e97d2a4f3586c1-"u8;

    private readonly Dictionary<(ContentBalance, bool, PageGeometry, string), int> _index = [];

    public List<FooterClass> All { get; } = [];

    /// <summary>Writes the placeholder of the class of this page's footer.</summary>
    public void WriteMarker(ArrayBufferWriter<byte> output, ContentBalance balance, bool hasOriginal, PageGeometry geometry, Dictionary<string, string> names, string stateName)
    {
        var key = (balance, hasOriginal, geometry, string.Join('\n', names.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => $"{n.Key}={n.Value}")));
        if (!_index.TryGetValue(key, out var index))
        {
            index = _index[key] = All.Count;
            All.Add(new FooterClass(balance, hasOriginal, geometry, names, stateName));
        }
        output.Write(MarkerPrefix);
        output.Write(Encoding.ASCII.GetBytes(index.ToString("D6", CultureInfo.InvariantCulture) + "\n"));
    }

    /// <summary>The class number after a marker at the start of <paramref name="at"/>, or -1.</summary>
    public static int MarkerIndex(ReadOnlySpan<byte> at)
    {
        var digits = at.Slice(MarkerPrefix.Length, Math.Min(6, at.Length - MarkerPrefix.Length));
        return digits.Length == 6 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;
    }
}
