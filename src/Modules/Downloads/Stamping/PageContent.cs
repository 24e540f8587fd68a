using System.Buffers;
using System.IO.Compression;
using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// Decodes a page's content streams for the balance scan, never past <see cref="StampingOptions.MaxPageContentBytes"/>.
/// Flate, the filter of nearly every content stream, is inflated here from the stored bytes so the ceiling
/// holds while decoding: qpdf would inflate a hostile stream whole before anyone could look at its size.
/// Anything else (other filters, predictors, data zlib refuses) goes through qpdf as before, checked after.
/// One instance per stamping run; its buffer is reused from page to page.
/// </summary>
internal sealed class PageContent(QpdfDocument pdf, int limit) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 << 10);
    private int _length;

    public ContentBalance Scan(uint page, IReadOnlyList<uint> streams, int number)
    {
        _length = 0;
        foreach (var stream in streams)
        {
            if (!TryAppend(stream, number))
            {
                return ScanThroughQpdf(page, number);
            }
            // qpdf joins a page's streams with a newline too: a token never spans two streams.
            Append("\n"u8, number);
        }
        return ContentBalance.Scan(_buffer.AsSpan(0, _length));
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private ContentBalance ScanThroughQpdf(uint page, int number)
    {
        var balance = pdf.ReadPageContent<ContentBalance?>(page, content =>
            content.Length > limit ? throw TooLarge(number) : ContentBalance.Scan(content));
        return balance ?? throw new QpdfException(QpdfErrorCode.DamagedPdf, $"the content of page {number} cannot be decoded");
    }

    private bool TryAppend(uint stream, int number)
    {
        var dictionary = pdf.StreamDictionary(stream);
        var filter = Single(pdf.Get(dictionary, "/Filter"));
        var parameters = Single(pdf.Get(dictionary, "/DecodeParms"));
        var plain = pdf.TypeOf(filter) is PdfType.Uninitialized or PdfType.Null;
        var flate = pdf.Name(filter) is "/FlateDecode" or "/Fl";
        if (!(plain || flate) || pdf.TypeOf(parameters) is not (PdfType.Uninitialized or PdfType.Null))
        {
            return false;
        }
        var start = _length;
        var read = pdf.ReadRawStreamData(stream, raw => plain ? TryCopy(raw, number) : TryInflate(raw, number));
        if (!read)
        {
            _length = start;
        }
        return read;
    }

    private bool TryCopy(ReadOnlySpan<byte> raw, int number)
    {
        Append(raw, number);
        return true;
    }

    private unsafe bool TryInflate(ReadOnlySpan<byte> raw, int number)
    {
        fixed (byte* data = raw)
        {
            using var compressed = new UnmanagedMemoryStream(data, raw.Length);
            using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
            try
            {
                int n;
                do
                {
                    Reserve(Math.Min(64 << 10, limit - _length + 1), number);
                    n = inflater.Read(_buffer, _length, _buffer.Length - _length);
                    _length += n;
                    if (_length > limit)
                    {
                        throw TooLarge(number);
                    }
                }
                while (n > 0);
                return true;
            }
            catch (InvalidDataException)
            {
                // Damaged or non-standard Flate data: qpdf's decoder recovers what it can, with a warning.
                return false;
            }
        }
    }

    private void Append(ReadOnlySpan<byte> bytes, int number)
    {
        Reserve(bytes.Length, number);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Reserve(int more, int number)
    {
        if ((long)_length + more > limit + 1L)
        {
            throw TooLarge(number);
        }
        if (_length + more <= _buffer.Length)
        {
            return;
        }
        // Doubling, but never past the ceiling: the last step of a bomb must not rent twice the limit.
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max((long)_buffer.Length * 2, (long)_length + more), limit + 1L));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    /// <summary>A one-element array stands for its element, as in <c>/Filter [/FlateDecode]</c>.</summary>
    private uint Single(uint value) =>
        pdf.TypeOf(value) == PdfType.Array && pdf.Count(value) == 1 ? pdf.Item(value, 0) : value;

    private QpdfException TooLarge(int number) =>
        new(QpdfErrorCode.Unsupported, $"the content of page {number} decodes to more than {limit >> 20} MB");
}
