using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Storefront.Core.Data;

namespace Storefront.Operations.Settings;

/// <summary>
/// Re-reads the stored settings every <c>Settings__PollInterval</c> (2 s by default), so a change saved on
/// another instance applies here within that time; see <see cref="StoredConfiguration"/> for why polling.
/// </summary>
public sealed class StoredConfigurationPoller(
    StoredConfiguration stored, StartupBarrier barrier, IConfiguration configuration, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Settings:PollInterval", DefaultInterval);
        // No polling before the tables exist.
        await barrier.Ready.WaitAsync(stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            stored.TryRefresh();
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
}
