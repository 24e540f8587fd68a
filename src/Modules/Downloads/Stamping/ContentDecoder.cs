using System.Buffers;
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
    /// <summary>
    /// Larger buffers go back to the garbage collector, not to the shared pool, which would keep them: one
    /// refused bomb must not leave 128 MB behind, and ordinary pages stay well under this.
    /// </summary>
    private const int PooledLength = 4 << 20;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 << 10);
    private int _length;

    public ReadOnlySpan<byte> Content => _buffer.AsSpan(0, _length);

    public void Reset() => _length = 0;

    /// <summary>
    /// Appends a stream's decoded data and the newline qpdf joins a page's streams with (a token never spans
    /// two streams); false when zlib refuses the data (the caller falls back to qpdf's recovering decoder).
    /// Throws when the page's content would pass the ceiling.
    /// </summary>
    public bool TryAppend(ReadOnlySpan<byte> stored, bool flate, int page)
    {
        var start = _length;
        if (!flate)
        {
            Append(stored, page);
        }
        else if (!TryInflate(stored, page))
        {
            _length = start;
            return false;
        }
        Append("\n"u8, page);
        return true;
    }

    public void Dispose() => Release(_buffer);

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
                    Reserve(Math.Min(64 << 10, limit - _length + 1), page);
                    n = inflater.Read(_buffer, _length, _buffer.Length - _length);
                    _length += n;
                    if (_length > limit)
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
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Reserve(int more, int page)
    {
        if ((long)_length + more > limit + 1L)
        {
            throw TooLarge(page, limit);
        }
        if (_length + more <= _buffer.Length)
        {
            return;
        }
        // Doubling, but never past the ceiling: the last step of a bomb must not rent twice the limit.
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max((long)_buffer.Length * 2, (long)_length + more), limit + 1L));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        Release(_buffer);
        _buffer = larger;
    }

    private static void Release(byte[] buffer)
    {
        if (buffer.Length <= PooledLength)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
