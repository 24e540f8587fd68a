using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Core.Metrics;

namespace Storefront.Core.Outbox;

/// <summary>How much work waits to be carried out (sent or retried, not given up) and how long the oldest piece has waited.</summary>
public readonly record struct OutboxBacklogFigures(int Count, TimeSpan OldestAge);

/// <summary>
/// The outbox's backlog, shared by every instance because it is counted in the database: the gauges
/// <c>storefront.outbox.depth</c> and <c>storefront.outbox.oldest_age</c> (seconds), and the <c>outbox</c> readiness check.
/// Read at most every few seconds, so neither scrapes nor probes query per request.
/// </summary>
public sealed class OutboxBacklog : IMetricSource
{
    private readonly CachedReading<OutboxBacklogFigures> reading;

    public OutboxBacklog(IServiceScopeFactory scopes, IMeterFactory meters, IOptions<OutboxOptions> options, TimeProvider clock, StartupBarrier barrier)
    {
        reading = new CachedReading<OutboxBacklogFigures>(cancellationToken => CountAsync(scopes, options.Value, clock, cancellationToken),
            options.Value.FiguresLifetime, clock, barrier);
        var meter = meters.Create(OutboxPasses.MeterName);
        meter.CreateObservableGauge("storefront.outbox.depth",
            () => reading.TryGet(out var figures) ? [new Measurement<int>(figures.Count)] : Array.Empty<Measurement<int>>(),
            "{message}", "Outbox messages waiting to be carried out, retries included");
        meter.CreateObservableGauge("storefront.outbox.oldest_age",
            () => reading.TryGet(out var figures) ? [new Measurement<double>(figures.OldestAge.TotalSeconds)] : Array.Empty<Measurement<double>>(),
            "s", "How long the oldest waiting outbox message has waited");
    }

    public Task<OutboxBacklogFigures> GetAsync(CancellationToken cancellationToken) => reading.GetAsync(cancellationToken);

    private static async Task<OutboxBacklogFigures> CountAsync(IServiceScopeFactory scopes, OutboxOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var waiting = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.ProcessedAt == null && m.FailedAt == null && m.Attempts < options.MaxAttempts);
        var count = await waiting.CountAsync(cancellationToken);
        var oldest = count == 0 ? null : await waiting.OrderBy(m => m.CreatedAt).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var age = oldest is { } created ? clock.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(created, DateTimeKind.Utc) : TimeSpan.Zero;
        return new OutboxBacklogFigures(count, age < TimeSpan.Zero ? TimeSpan.Zero : age);
    }
}

/// <summary>Degraded (the shop still serves) once the oldest waiting message is older than <c>Outbox__MaxBacklogAge</c>: mail is stuck.</summary>
internal sealed class OutboxHealthCheck(OutboxBacklog backlog, IOptions<OutboxOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var figures = await backlog.GetAsync(cancellationToken);
        var limit = options.Value.MaxBacklogAge;
        var data = new Dictionary<string, object> { ["count"] = figures.Count, ["oldestAgeSeconds"] = Math.Round(figures.OldestAge.TotalSeconds) };
        var description = figures.Count == 0
            ? "No outbox messages are waiting."
            : $"{figures.Count} outbox message(s) waiting; the oldest for {Describe(figures.OldestAge)}.";
        return figures.OldestAge > limit
            ? HealthCheckResult.Degraded($"{description} That is longer than Outbox__MaxBacklogAge ({Describe(limit)}): emails are not going out.", data: data)
            : HealthCheckResult.Healthy(description, data);
    }

    internal static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{Math.Floor(span.TotalHours):0} h" : span.TotalMinutes >= 1 ? $"{Math.Floor(span.TotalMinutes):0} min" : $"{span.TotalSeconds:0} s";
}
