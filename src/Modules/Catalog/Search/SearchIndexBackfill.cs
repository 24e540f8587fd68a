using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Core.Caching;
using Storefront.Core.Data;

namespace Storefront.Catalog.Search;

/// <summary>
/// Fills the search index of a catalogue that existed before the index did (or lost rows to a restore from an older
/// backup): saves keep it current from then on. A shop whose index already counts every item does nothing. Of several
/// instances started together, only the one holding the lease rebuilds: two rebuilds at once would each empty the table
/// and then insert the same rows.
/// </summary>
internal sealed class SearchIndexBackfill(IServiceScopeFactory scopes, StartupBarrier barrier, ILogger<SearchIndexBackfill> logger) : BackgroundService
{
    public const string LeaseName = "catalog.search-backfill";

    // Long enough for the largest catalogue's rebuild; an instance that dies holding it leaves the rebuild to the next start.
    private static readonly TimeSpan LeaseLength = TimeSpan.FromMinutes(10);

    private readonly string holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await barrier.Ready.WaitAsync(stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            var items = await db.Set<Product>().LongCountAsync(stoppingToken) + await db.Set<ContentPage>().LongCountAsync(stoppingToken);
            if (await SearchIndex.CountAsync(db, stoppingToken) == items
                || !await scope.ServiceProvider.GetRequiredService<Leases>().TryTakeAsync(LeaseName, holder, LeaseLength, stoppingToken))
            {
                return;
            }

            await SearchIndex.RebuildAsync(db, scope.ServiceProvider.GetRequiredService<MarkdownRenderer>(), stoppingToken);
            await scope.ServiceProvider.GetRequiredService<ISiteChanges>().AnnounceAsync(SiteChangeTags.Catalogue, stoppingToken);
            await scope.ServiceProvider.GetRequiredService<Leases>().CompleteAsync(LeaseName, holder, stoppingToken);
            logger.LogInformation("Rebuilt the search index of {Items} products and pages", items);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            // Search is then incomplete until the next start; the shop itself is unaffected.
            logger.LogWarning("Could not rebuild the search index ({Error})", ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A fault of the shop's own, logged as one; but a background service that throws stops the host, and an
            // incomplete search index is no reason to stop selling.
            logger.LogError(ex, "Could not rebuild the search index");
        }
    }
}
