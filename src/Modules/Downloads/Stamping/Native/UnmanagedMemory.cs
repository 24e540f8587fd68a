using System.Buffers;

namespace Storefront.Downloads.Stamping.Native;

/// <summary>
/// Exposes qpdf's output buffer as <see cref="Memory{T}"/> so it can be written to a stream without
/// a managed copy; valid only while the owning <see cref="QpdfDocument"/> is alive.
/// </summary>
internal sealed unsafe class UnmanagedMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin() { }

    protected override void Dispose(bool disposing) { }
}
