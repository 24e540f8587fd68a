using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Storefront.Core.Data;
using Storefront.Core.Settings;

namespace Storefront.Core.Caching;

/// <summary>
/// Evicts what another instance (or the command line) announced: one small query every <c>Settings__PollInterval</c>,
/// the same interval stored settings travel in. This instance's own announcements were evicted when made; the poll evicts
/// them again only when a rendering was in flight at that moment (see <see cref="PageCache"/>).
/// </summary>
internal sealed class SiteChangesWatcher(
    IServiceScopeFactory scopes, PageCache cache, StartupBarrier barrier, IConfiguration configuration, TimeProvider time, ILogger<SiteChangesWatcher> logger)
    : BackgroundService
{
    private Dictionary<string, long>? seen;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Settings:PollInterval", StoredSettingsRefresher.DefaultInterval);
        await barrier.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await PollAsync(stoppingToken);
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, long> now;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            now = await scope.ServiceProvider.GetRequiredService<StorefrontDbContext>().Set<SiteChange>().AsNoTracking()
                .ToDictionaryAsync(c => c.Tag, c => c.Version, StringComparer.Ordinal, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not read announced site changes ({Error}); trying again at the next poll", ex.Message);
            return;
        }

        var raced = cache.TakeRaced();
        var evict = new HashSet<string>(StringComparer.Ordinal);
        // The first read only sets the baseline: this instance's cache started empty, after any earlier change.
        if (seen is not null)
        {
            foreach (var (tag, version) in now)
            {
                var before = seen.GetValueOrDefault(tag);
                if (before != version && !cache.AllOwn(tag, before, version))
                {
                    evict.Add(tag);
                }
            }
        }

        foreach (var tag in evict)
        {
            await cache.EvictAsync(tag, cancellationToken);
        }

        foreach (var tag in raced.Where(t => !evict.Contains(t)))
        {
            await cache.EvictAsync(tag, cancellationToken, recheck: false);
        }

        seen = now;
    }
}
