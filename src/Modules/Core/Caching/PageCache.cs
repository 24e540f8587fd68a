using Microsoft.AspNetCore.OutputCaching;

namespace Storefront.Core.Caching;

/// <summary>
/// This instance's output cache of public pages. Each eviction also moves a generation number on: a page whose rendering
/// began before an eviction read data from before the change, so it is served but not stored.
/// </summary>
public sealed class PageCache(IOutputCacheStore store)
{
    public const string PolicyName = "public-page";

    private long generation;

    public long Generation => Interlocked.Read(ref generation);

    public async Task EvictAsync(string tag, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref generation);
        await store.EvictByTagAsync(tag, cancellationToken);
    }
}
