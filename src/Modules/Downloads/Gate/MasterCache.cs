using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Storefront.Downloads.Entitlements;

namespace Storefront.Downloads.Gate;

/// <summary>
/// Recently sold masters held in memory, so a busy product is read from storage once rather than on every download
/// (a round trip to S3, or a file open and two reads). Bounded by <c>Downloads:MasterCacheMegabytes</c>; the least
/// recently used master goes first. A stored key names one content for good (uploads and recipes key a master by the
/// hash of its bytes), so an entry never goes stale: a new upload is a new key. Only masters small enough to be
/// stamped in memory are kept; larger ones stream from storage as before.
/// </summary>
public sealed class MasterCache(IOptionsMonitor<DownloadsOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock trimming = new();
    private long bytes;

    private long Budget => (long)options.CurrentValue.MasterCacheMegabytes << 20;

    /// <summary>Whether a master of this size would be kept at all.</summary>
    public bool Takes(long length) => length <= Budget && length <= Stamping.StampJob.StreamingThreshold;

    public byte[]? Find(string key)
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            return null;
        }
        entry.LastUsed = Environment.TickCount64;
        return entry.Content;
    }

    public void Keep(string key, byte[] content)
    {
        if (!Takes(content.Length) || !entries.TryAdd(key, new Entry(content) { LastUsed = Environment.TickCount64 }))
        {
            return;
        }
        // Never written to again: copies of it find their template without hashing it anew.
        Stamping.MasterSource.Unchangeable(content);
        if (Interlocked.Add(ref bytes, content.Length) <= Budget)
        {
            return;
        }
        lock (trimming)
        {
            foreach (var (oldKey, _) in entries.OrderBy(e => e.Value.LastUsed).ToList())
            {
                if (Interlocked.Read(ref bytes) <= Budget)
                {
                    break;
                }
                if (entries.TryRemove(oldKey, out var removed))
                {
                    Interlocked.Add(ref bytes, -removed.Content.Length);
                }
            }
        }
    }

    private sealed class Entry(byte[] content)
    {
        public byte[] Content => content;

        public long LastUsed { get; set; }
    }
}
