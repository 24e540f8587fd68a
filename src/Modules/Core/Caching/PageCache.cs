using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;

namespace Storefront.Core.Caching;

/// <summary>
/// This instance's output cache of public pages. Each eviction moves a generation number on: a page whose rendering began
/// before an eviction read data from before the change, so it is served but not stored. A rendering still in flight when
/// its tag is evicted could finish storing just after the check; such a tag is evicted once more at the next poll.
/// </summary>
public sealed class PageCache(IOutputCacheStore store)
{
    public const string PolicyName = "public-page";

    private readonly ConcurrentDictionary<string, byte> raced = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Tag, long Version), byte> own = new();
    private long generation;
    private long rendering;

    public long Generation => Interlocked.Read(ref generation);

    /// <param name="recheck">False for the second eviction itself, so a busy shop is not evicted at every poll.</param>
    public async Task EvictAsync(string tag, CancellationToken cancellationToken = default, bool recheck = true)
    {
        Interlocked.Increment(ref generation);
        await store.EvictByTagAsync(tag, cancellationToken);
        if (recheck && Interlocked.Read(ref rendering) > 0)
        {
            raced.TryAdd(tag, 0);
        }
    }

    /// <summary>Counts a request that may store a page until its response has completed.</summary>
    internal void Track(HttpContext context)
    {
        Interlocked.Increment(ref rendering);
        context.Response.OnCompleted(static state =>
        {
            Interlocked.Decrement(ref ((PageCache)state).rendering);
            return Task.CompletedTask;
        }, this);
    }

    /// <summary>A version this instance wrote and has already evicted for; the poll need not evict for it again.</summary>
    internal void NoteOwn(string tag, long version) => own.TryAdd((tag, version), 0);

    /// <summary>Whether every version after <paramref name="before"/> up to <paramref name="now"/> was this instance's own.</summary>
    internal bool AllOwn(string tag, long before, long now)
    {
        var all = now > before;
        for (var version = before + 1; version <= now; version++)
        {
            all &= own.TryRemove((tag, version), out _);
        }

        return all;
    }

    internal IReadOnlyList<string> TakeRaced()
    {
        var tags = raced.Keys.ToList();
        foreach (var tag in tags)
        {
            raced.TryRemove(tag, out _);
        }

        return tags;
    }
}
