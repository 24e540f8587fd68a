using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Core.Metrics;

namespace Storefront.Payments.Reconciliation;

/// <summary>
/// The <c>reconciliation</c> readiness check: how long ago any instance completed a sweep (recorded on the lease row, so every
/// instance tells the same), Degraded past <see cref="ReconciliationOptions.EffectiveMaxLag"/>. A shop that has never swept
/// counts from its own start, so a fresh instance is not reported behind before it had the chance to sweep. One instance
/// (a singleton), so its reading is cached across probes.
/// </summary>
internal sealed class SweeperLagHealthCheck : IHealthCheck
{
    private readonly IOptionsMonitor<ReconciliationOptions> options;
    private readonly TimeProvider clock;
    private readonly ReconciliationSweeper sweeper;
    private readonly CachedReading<DateTime?> lastCompleted;

    public SweeperLagHealthCheck(IServiceScopeFactory scopes, ReconciliationSweeper sweeper, IOptionsMonitor<ReconciliationOptions> options, TimeProvider clock)
    {
        this.options = options;
        this.clock = clock;
        this.sweeper = sweeper;
        lastCompleted = new CachedReading<DateTime?>(async cancellationToken =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Leases>().LastCompletedAsync(ReconciliationSweeper.LeaseName, cancellationToken);
        }, TimeSpan.FromSeconds(5), clock);
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var last = await lastCompleted.GetAsync(cancellationToken);
        var lag = now - (last is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : sweeper.StartedAt);
        var limit = options.CurrentValue.EffectiveMaxLag;
        var data = new Dictionary<string, object> { ["lagSeconds"] = Math.Max(0, Math.Round(lag.TotalSeconds)) };
        var description = last is null
            ? $"No reconciliation sweep has completed yet ({Minutes(lag)} since this instance started)."
            : $"The last reconciliation sweep completed {Minutes(lag)} ago.";
        return lag > limit
            ? HealthCheckResult.Degraded($"{description} That is longer than Reconciliation__MaxLag ({Minutes(limit)}): paid sales whose webhook was lost are not being fulfilled.", data: data)
            : HealthCheckResult.Healthy(description, data);
    }

    private static string Minutes(TimeSpan span) => span.TotalMinutes >= 1 ? $"{Math.Floor(span.TotalMinutes):0} min" : $"{Math.Max(0, span.TotalSeconds):0} s";
}
