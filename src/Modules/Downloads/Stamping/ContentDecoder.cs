using System.IO.Compression;
using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// Builds one page's decoded content from its stored streams, never past a ceiling. Flate, the filter of
/// nearly every content stream, is inflated here so the ceiling holds while decoding: qpdf would inflate a
/// hostile stream whole before anyone could look at its size. The buffer is reused from page to page.
/// Not thread-safe: one per thread.
/// </summary>
internal sealed class ContentDecoder(int limit) : IDisposable
{
    private readonly PooledBytes _bytes = new(64 << 10);

    public ReadOnlySpan<byte> Content => _bytes.Written;

    public void Reset() => _bytes.Reset();

    /// <summary>
    /// Appends a stream's decoded data and the newline qpdf joins a page's streams with (a token never spans
    /// two streams); false when zlib refuses the data (the caller falls back to qpdf's recovering decoder).
    /// Throws when the page's content would pass the ceiling.
    /// </summary>
    public bool TryAppend(ReadOnlySpan<byte> stored, bool flate, int page)
    {
        var start = _bytes.Length;
        if (!flate)
        {
            Append(stored, page);
        }
        else if (!TryInflate(stored, page))
        {
            _bytes.Truncate(start);
            return false;
        }
        Append("\n"u8, page);
        return true;
    }

    public void Dispose() => _bytes.Dispose();

    public static QpdfException TooLarge(int page, int limit) =>
        new(QpdfErrorCode.Unsupported, $"the content of page {page} decodes to more than {limit >> 20} MB");

    private unsafe bool TryInflate(ReadOnlySpan<byte> stored, int page)
    {
        fixed (byte* data = stored)
        {
            using var compressed = new UnmanagedMemoryStream(data, stored.Length);
            using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
            try
            {
                int n;
                do
                {
                    Reserve(Math.Min(64 << 10, limit - _bytes.Length + 1), page);
                    n = inflater.Read(_bytes.Free.Span);
                    _bytes.Advance(n);
                    if (_bytes.Length > limit)
                    {
                        throw TooLarge(page, limit);
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

    private void Append(ReadOnlySpan<byte> bytes, int page)
    {
        Reserve(bytes.Length, page);
        _bytes.Append(bytes);
    }

    /// <summary>Room for <paramref name="more"/> bytes; the buffer never grows past the ceiling, so the last step of a bomb cannot rent twice the limit.</summary>
    private void Reserve(int more, int page)
    {
        if ((long)_bytes.Length + more > limit + 1L)
        {
            throw TooLarge(page, limit);
        }
        _bytes.Reserve(more, limit + 1L);
    }
}
