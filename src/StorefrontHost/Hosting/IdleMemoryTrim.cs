using System.Runtime;
using System.Runtime.InteropServices;

namespace Storefront.Host.Hosting;

/// <summary>
/// Gives memory back to the system once a burst of work is over; the start is such a burst. After a burst the GC heap
/// keeps what the burst grew, and glibc keeps native memory that was freed (qpdf's parsed documents and copy buffers, in
/// per-thread arenas; the start's migrations check, recipe and EF Core model building) for reuse; an idle shop allocates
/// too little to return either by itself. When allocation has gone quiet, one aggressive compacting collection and
/// <c>malloc_trim</c> hand both back, and the file pages the burst touched are unmapped (<see cref="MappedFilePages"/>).
/// The first runs of the periodic work after the start touch code once (compiling, loading types); when compiling has
/// stopped, their file pages are unmapped too. Measured on the published shop idle on SQLite: ~210 MB resident before
/// the start's trim, ~130 MB after it, ~135–140 MB for minutes after the warm-up's release instead of ~160 MB.
/// </summary>
internal sealed class IdleMemoryTrim(TimeProvider clock, IConfiguration configuration, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    /// <summary>One trimmer per process: the memory is the process's, however many shops it hosts.</summary>
    private static int s_running;

    /// <summary>Short, so that the start's memory goes back within seconds of the shop being ready.</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Allocated since the last trim for the work to count as a burst: browsing an idle shop never trims.</summary>
    internal const long BurstBytes = 256L << 20;

    /// <summary>
    /// Allocated within one interval for the shop to count as quiet: its own periodic work allocates ~0.1 MB a second
    /// (measured idle on SQLite), a start or a burst of downloads hundreds.
    /// </summary>
    internal const long QuietBytes = 4L << 20;

    /// <summary>
    /// Methods compiled since the last trim for the shop to count as having warmed up: after the start's trim, the first
    /// runs of the periodic work and the optimised recompiling of what the polls call compile ~2,500 (measured idle).
    /// </summary>
    internal const long WarmUpMethods = 1000;

    /// <summary>Methods compiled within one interval for compiling to count as over.</summary>
    internal const long QuietMethods = 10;

    private static bool s_nativeTrim = OperatingSystem.IsLinux();

    // As if a burst's worth had been allocated just before: the start is a burst, trimmed once the shop is first quiet.
    private long _atTrim = GC.GetTotalAllocatedBytes() - BurstBytes;
    private long _atTick = GC.GetTotalAllocatedBytes();
    private long _methodsAtTrim = JitInfo.GetCompiledMethodCount();
    private long _methodsAtTick = JitInfo.GetCompiledMethodCount();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Memory:TrimWhenIdle", true) || Interlocked.Exchange(ref s_running, 1) == 1)
        {
            return;
        }
        var releaseFilePages = configuration.GetValue("Memory:ReleaseFilePages", true);
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var step = Next(GC.GetTotalAllocatedBytes(), JitInfo.GetCompiledMethodCount());
                if (step == Step.Trim)
                {
                    var (before, after, filePages) = Trim(releaseFilePages);
                    logger.LogDebug("Gave memory back after a burst of work: resident {Before} MB, now {After} MB ({FilePages} MB of it file pages)", before >> 20, after >> 20, filePages >> 10);
                }
                else if (step == Step.ReleaseFilePages && releaseFilePages)
                {
                    var filePages = MappedFilePages.Release();
                    TrimNative();
                    logger.LogDebug("Gave back the file pages warming up touched: {FilePages} MB", filePages >> 10);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Volatile.Write(ref s_running, 0);
        }
    }

    internal enum Step
    {
        None,

        /// <summary>A burst has ended: collect, trim the native heaps, release file pages.</summary>
        Trim,

        /// <summary>
        /// Warming up has ended: the code the shop ran for the first time (compiling, loading types, each periodic job's
        /// first run) touched file pages it will not touch again, while its heaps hold nothing a collection would free.
        /// </summary>
        ReleaseFilePages,
    }

    /// <summary>
    /// What to do, with this many bytes allocated and methods compiled since the process started: trim when a burst has
    /// ended since the last tick (the start, the first time the shop is quiet, then any later burst), release file pages
    /// when compiling has ended after many methods were compiled since.
    /// </summary>
    internal Step Next(long allocated, long compiledMethods)
    {
        var quiet = allocated - _atTick < QuietBytes;
        var compiling = compiledMethods - _methodsAtTick >= QuietMethods;
        _atTick = allocated;
        _methodsAtTick = compiledMethods;
        if (quiet && allocated - _atTrim >= BurstBytes)
        {
            (_atTrim, _methodsAtTrim) = (allocated, compiledMethods);
            return Step.Trim;
        }
        if (quiet && !compiling && compiledMethods - _methodsAtTrim >= WarmUpMethods)
        {
            _methodsAtTrim = compiledMethods;
            return Step.ReleaseFilePages;
        }
        return Step.None;
    }

    /// <summary>Collects and trims; returns the resident memory before and after.</summary>
    internal static (long Before, long After, long FilePagesKilobytes) Trim(bool filePages)
    {
        var before = Environment.WorkingSet;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNative();
        var released = filePages ? MappedFilePages.Release() : 0;
        return (before, Environment.WorkingSet, released);
    }

    /// <summary>Hands glibc's free native memory back; false where there is no glibc (musl has no malloc_trim).</summary>
    internal static bool TrimNative()
    {
        if (s_nativeTrim)
        {
            try
            {
                MallocTrim(0);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                s_nativeTrim = false;
            }
        }
        return s_nativeTrim;
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
