using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Catalog.Versions;

/// <summary>
/// Applies due publish and unpublish times. Of several instances only the one holding the lease applies them, and each time
/// is claimed by clearing it with a conditional update in the same transaction as the change, so a time is applied once
/// even if a lease ran out mid-round. The saves announce the catalogue change, so the storefront's cache follows.
/// </summary>
public sealed class ProductScheduler(IServiceScopeFactory scopes, StartupBarrier barrier, IConfiguration configuration, TimeProvider clock,
    ILogger<ProductScheduler> logger) : BackgroundService
{
    public const string LeaseName = "catalog.schedules";

    private readonly string holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>How often due times are looked for (<c>Catalog__ScheduleInterval</c>, 30 seconds by default).</summary>
    public TimeSpan Interval => configuration.GetValue<TimeSpan?>("Catalog:ScheduleInterval") is { } interval && interval > TimeSpan.Zero
        ? interval : TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await barrier.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
                await ApplyDueAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or TimeoutException)
            {
                // The database may be briefly unreachable; the times stay in place for the next round.
                logger.LogWarning(e, "Applying scheduled publishing failed; trying again in {Interval}", Interval);
            }
        }
    }

    /// <summary>Applies every time due at <paramref name="now"/>, if this instance holds the lease; returns how many it applied.</summary>
    public async Task<int> ApplyDueAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (!await services.GetRequiredService<Leases>().TryTakeAsync(LeaseName, holder, Interval * 2, cancellationToken))
        {
            return 0;
        }

        var db = services.GetRequiredService<StorefrontDbContext>();
        var due = await db.Set<ProductSchedule>().AsNoTracking().Where(s => s.PublishAt <= now || s.UnpublishAt <= now)
            .OrderBy(s => s.ProductId).Take(200).ToListAsync(cancellationToken);
        var applied = 0;
        using var author = VersionAuthor.As("schedule");
        foreach (var schedule in due)
        {
            // Earlier time first: a publish at 10:00 and an unpublish at 11:00, both missed, leave the product unpublished.
            var times = new (DateTime? At, bool Publish)[] { (schedule.PublishAt, true), (schedule.UnpublishAt, false) }
                .Where(t => t.At <= now).OrderBy(t => t.At);
            foreach (var (at, publish) in times)
            {
                await using var scoped = scopes.CreateAsyncScope();
                applied += await ApplyAsync(scoped.ServiceProvider, schedule.ProductId, at!.Value, publish, cancellationToken) ? 1 : 0;
            }
        }

        return applied;
    }

    private async Task<bool> ApplyAsync(IServiceProvider services, Guid productId, DateTime at, bool publish, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<StorefrontDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = publish
            ? await db.Set<ProductSchedule>().Where(s => s.ProductId == productId && s.PublishAt == at)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.PublishAt, (DateTime?)null), cancellationToken)
            : await db.Set<ProductSchedule>().Where(s => s.ProductId == productId && s.UnpublishAt == at)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.UnpublishAt, (DateTime?)null), cancellationToken);
        var product = claimed == 1 ? await db.Set<Product>().FirstOrDefaultAsync(p => p.Id == productId, cancellationToken) : null;
        if (product is null)
        {
            return false;
        }

        var drafts = services.GetRequiredService<ProductDrafts>();
        if (publish && await drafts.PublishAsync(product, cancellationToken) is { } problem)
        {
            // The time is used up either way: an editor fixes the product and publishes or schedules it again.
            logger.LogWarning("Scheduled publishing of product {Slug} was not applied: {Problem}", product.Slug, problem);
        }
        else if (!publish && product.Published)
        {
            await drafts.UnpublishAsync(product, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Scheduled {Action} of product {Slug} applied", publish ? "publishing" : "unpublishing", product.Slug);
        return true;
    }
}
