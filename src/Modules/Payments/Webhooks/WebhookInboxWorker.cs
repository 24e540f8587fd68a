using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;

namespace Storefront.Payments.Webhooks;

/// <summary>
/// Every <see cref="WebhookOptions.Interval"/>, on every instance: processes the stored Stripe events that are due a retry or were
/// left claimed by an instance that died (claims keep two instances off one event), deletes processed events past the
/// retention, and reads the inbox's depth for the metrics.
/// </summary>
public sealed class WebhookInboxWorker(
    IServiceScopeFactory scopes, StartupBarrier barrier, IOptionsMonitor<WebhookOptions> options, WebhookMetrics metrics, TimeProvider clock,
    ILogger<WebhookInboxWorker> logger) : BackgroundService
{
    private const int Batch = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await barrier.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly unreachable; the next round tries again. The loop never ends on a failure: it is
                // what retries every event.
                logger.LogWarning(e, "Looking at the webhook inbox failed; trying again in {Interval}", options.CurrentValue.Interval);
            }

            try
            {
                await Task.Delay(options.CurrentValue.Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: how many events it attempted (each in a scope of its own) and how many old ones it deleted.</summary>
    public async Task<(int Attempted, int Purged)> RunOnceAsync(CancellationToken cancellationToken)
    {
        var attempted = 0;
        List<string> due;
        do
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                due = await scope.ServiceProvider.GetRequiredService<WebhookInbox>().DueAsync(Batch, cancellationToken);
            }

            foreach (var id in due)
            {
                await using var scope = scopes.CreateAsyncScope();
                var inbox = scope.ServiceProvider.GetRequiredService<WebhookInbox>();
                if (await inbox.TryClaimAsync(id, force: false, cancellationToken))
                {
                    attempted++;
                    await inbox.RunClaimedAsync(id, cancellationToken);
                }
            }
        }
        while (due.Count == Batch && !cancellationToken.IsCancellationRequested);

        await using var last = scopes.CreateAsyncScope();
        var rows = last.ServiceProvider.GetRequiredService<WebhookInbox>();
        var purged = await rows.PurgeAsync(cancellationToken);
        if (purged > 0)
        {
            logger.LogInformation("Deleted {Count} processed Stripe event(s) older than {Retention}", purged, options.CurrentValue.Retention);
        }

        var depth = await rows.DepthAsync(cancellationToken);
        metrics.SetDepth(depth.Pending, depth.Failed);
        return (attempted, purged);
    }
}
