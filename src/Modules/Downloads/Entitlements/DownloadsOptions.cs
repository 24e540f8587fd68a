namespace Storefront.Downloads.Entitlements;

/// <summary>
/// <c>Downloads__DefaultUses</c> and <c>Downloads__DefaultExpiryHours</c>: the policy when a product sets none;
/// the rest bound how a copy is sent, so a slow or vanished buyer cannot hold a use, a thread and memory for long.
/// </summary>
public sealed class DownloadsOptions
{
    public int DefaultUses { get; set; } = 3;

    public int DefaultExpiryHours { get; set; } = 24;

    /// <summary>Copies of one purchase that may be on their way at once; one more is answered 429.</summary>
    public int MaxConcurrentStreams { get; set; } = 2;

    /// <summary>
    /// Copies of one purchase that may break off part-way and still give their use back. Past this, a broken-off
    /// copy counts as a download: a partial copy is still a copy, and retries must not become a way around the limit.
    /// </summary>
    public int MaxInterruptedCopies { get; set; } = 3;

    /// <summary>A reader slower than this (after a short grace) is cut off; Kestrel's own floor is 240 B/s.</summary>
    public int MinDataRateBytesPerSecond { get; set; } = 4096;

    /// <summary>The longest one copy may take, however steadily it trickles.</summary>
    public int MaxStreamSeconds { get; set; } = 900;

    /// <summary>
    /// How long after a copy started a byte range of it is a resume that costs no further use: long enough for a
    /// laptop closed overnight, short enough that a link's uses still mean copies.
    /// </summary>
    public TimeSpan ResumeWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Memory for recently sold masters (up to 8 MB each), so a download does not read storage; 0 reads it every time.
    /// Each instance holds its own.
    /// </summary>
    public int MasterCacheMegabytes { get; set; } = 64;

    /// <summary>The largest suspect file the leak trace reads (it is held in memory while its marks are read).</summary>
    public int TraceMaxMegabytes { get; set; } = 100;
}
