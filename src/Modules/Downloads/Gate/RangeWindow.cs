namespace Storefront.Downloads.Gate;

/// <summary>
/// Passes on only the bytes of <paramref name="range"/> of what the engine writes: a range is answered by stamping the
/// copy again and skipping the rest, since the copy's bytes are never stored. The engine still writes to the end, which
/// costs a stamp but keeps it unaware of ranges.
/// </summary>
internal sealed class RangeWindow(Stream inner, ByteRange range) : Stream
{
    private long position;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var start = Math.Max(range.From, position);
        var end = Math.Min(range.To + 1, position + buffer.Length);
        if (start < end)
        {
            await inner.WriteAsync(buffer.Slice((int)(start - position), (int)(end - start)), cancellationToken);
        }
        position += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
