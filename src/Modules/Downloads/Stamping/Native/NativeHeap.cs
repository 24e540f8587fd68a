using System.Runtime.InteropServices;

namespace Storefront.Downloads.Stamping.Native;

/// <summary>
/// Keeps glibc's heap from handing qpdf's freed buffers straight back to the kernel.
/// </summary>
/// <remarks>
/// qpdf writes every stream through a buffer the size of the stream, then frees it. By default glibc
/// returns such memory to the kernel as soon as the free space at the top of the heap passes a threshold
/// that adapts only up to a few MB, so a long-running process pays a page fault for every 4 KB of every
/// stream of every copy it writes. A fresh qpdf command-line process does not notice; a shop that stamps
/// all day does. Measured on the 50 MB image-heavy benchmark master in a warm process: ~33,000 page faults
/// and ~100 ms per write before, ~700 and ~42 ms after. The cost is that up to <see cref="TrimThreshold"/>
/// of freed heap stays with the process for the next copy instead of going back to the kernel.
/// <para>
/// Fast bins are turned off as well. Closing a document frees its thousands of small objects into them,
/// and the next large allocation (usually the next download's) then stops to merge them all: 10-15 ms
/// after a 3,700-object book. Without them the thread cache still serves small blocks and the merging
/// happens as blocks are freed. Measured over the 25-file corpus in a warm process: 150 ms a pass before,
/// 141 ms after.
/// </para>
/// </remarks>
internal static partial class NativeHeap
{
    /// <summary>Allocations below this come from the heap, not a fresh mapping (glibc's ceiling for it).</summary>
    internal const int MmapThreshold = 32 << 20;

    /// <summary>Free memory at the top of a heap is returned to the kernel only above this.</summary>
    internal const int TrimThreshold = 64 << 20;

    private const int M_MXFAST = 1;
    private const int M_TRIM_THRESHOLD = -1;
    private const int M_MMAP_THRESHOLD = -3;

    private static int _tuned;

    /// <summary>Sets the thresholds and turns fast bins off, once per process; elsewhere than glibc on Linux it does nothing.</summary>
    public static void Tune()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _tuned, 1) == 1)
        {
            return;
        }
        try
        {
            // Setting either one also stops glibc adapting them, which is the point.
            _ = mallopt(M_MMAP_THRESHOLD, MmapThreshold);
            _ = mallopt(M_TRIM_THRESHOLD, TrimThreshold);
            _ = mallopt(M_MXFAST, 0);
        }
        catch (EntryPointNotFoundException)
        {
            // A C library without mallopt keeps its own policy.
        }
    }

    [LibraryImport("libc")]
    private static partial int mallopt(int parameter, int value);
}
