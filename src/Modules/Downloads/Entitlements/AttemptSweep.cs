using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;

namespace Storefront.Downloads.Entitlements;

/// <summary>
/// Settles attempts a dead process left "started" (kill -9, a crash, a lost container) and gives their uses back,
/// at start-up and then every minute. Only attempts older than the longest a copy may take are touched, so a copy
/// another instance is still sending is never settled under it.
/// </summary>
internal sealed class AttemptSweep(
    IServiceScopeFactory scopes, StartupBarrier barrier, IOptionsMonitor<DownloadsOptions> options, TimeProvider clock, ILogger<AttemptSweep> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    // Margin for clocks of several instances that disagree a little.
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await barrier.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unreachable; the next round tries again.
                logger.LogWarning(e, "Sweeping unsettled download attempts failed");
            }

            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<DownloadLedger>();
        var cutoff = clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(options.CurrentValue.MaxStreamSeconds) - Slack;
        var settled = await ledger.SweepAsync(cutoff, cancellationToken);
        if (settled > 0)
        {
            logger.LogWarning("Gave back the uses of {Count} download attempts left unfinished by a stopped process", settled);
        }
        return settled;
    }
}
