using System.Buffers;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// A growable byte buffer from the shared pool, for the buffers every download needs again: a running
/// shop reuses them instead of handing the collector a master's worth of garbage per copy. Not thread-safe.
/// </summary>
internal sealed class PooledBytes(int capacity) : IDisposable
{
    /// <summary>
    /// Larger buffers go back to the garbage collector, not to the shared pool, which would keep them: one
    /// refused bomb must not leave 128 MB behind, and ordinary pages and small masters stay under this.
    /// </summary>
    private const int PooledLength = 4 << 20;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, Length);

    /// <summary>The room after the written bytes; call <see cref="Advance"/> for what was put there.</summary>
    public Memory<byte> Free => _buffer.AsMemory(Length);

    public void Advance(int count) => Length += count;

    public void Reset() => Length = 0;

    /// <summary>Forgets the bytes past <paramref name="length"/>.</summary>
    public void Truncate(int length) => Length = Math.Min(length, Length);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Makes room for <paramref name="more"/> bytes, doubling but never past <paramref name="ceiling"/> (default: <see cref="Array.MaxLength"/>).</summary>
    public void Reserve(int more, long ceiling = 0x7FFFFFC7)
    {
        if (Length + more <= _buffer.Length)
        {
            return;
        }
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max((long)_buffer.Length * 2, (long)Length + more), ceiling));
        _buffer.AsSpan(0, Length).CopyTo(larger);
        Release(_buffer);
        _buffer = larger;
    }

    public void Dispose()
    {
        Release(_buffer);
        _buffer = [];
        Length = 0;
    }

    private static void Release(byte[] buffer)
    {
        if (buffer.Length is > 0 and <= PooledLength)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
