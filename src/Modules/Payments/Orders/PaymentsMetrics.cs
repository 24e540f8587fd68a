using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Metrics;

namespace Storefront.Payments.Orders;

/// <summary>
/// The sales side of <c>/metrics</c> (meter <c>Storefront.Payments</c>): <c>storefront.orders</c> by <c>state</c> (counted in
/// the database at most every few seconds, so every instance shows the shop's figure), <c>storefront.fulfilments</c> by
/// <c>via</c> (webhook, sweeper or success_page: the first to settle a paid session), and the reconciliation sweep's
/// <c>storefront.reconciliation.runs</c> and <c>storefront.reconciliation.repairs</c> by <c>kind</c> (fulfilled, expired).
/// </summary>
public sealed class PaymentsMetrics : IMetricSource
{
    public const string MeterName = "Storefront.Payments";

    private static readonly TimeSpan FiguresLifetime = TimeSpan.FromSeconds(5);

    private readonly Counter<long> fulfilments;
    private readonly Counter<long> runs;
    private readonly Counter<long> repairs;
    private readonly CachedReading<Dictionary<OrderStatus, int>> orders;

    public PaymentsMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock, StartupBarrier barrier)
    {
        var meter = meters.Create(MeterName);
        fulfilments = meter.CreateCounter<long>("storefront.fulfilments", "{order}", "Paid orders fulfilled, by what settled them first");
        runs = meter.CreateCounter<long>("storefront.reconciliation.runs", "{run}", "Reconciliation sweeps this instance completed");
        repairs = meter.CreateCounter<long>("storefront.reconciliation.repairs", "{order}", "Orders the reconciliation sweep fulfilled or closed");
        orders = new CachedReading<Dictionary<OrderStatus, int>>(cancellationToken => CountAsync(scopes, cancellationToken), FiguresLifetime, clock, barrier);
        meter.CreateObservableGauge("storefront.orders", ObserveOrders, "{order}", "Orders by state");
    }

    /// <summary>Counts one fulfilment when <paramref name="outcome"/> says this call was the one that fulfilled.</summary>
    public string Fulfilled(string outcome, string via)
    {
        if (outcome == "fulfilled")
        {
            fulfilments.Add(1, new KeyValuePair<string, object?>("via", via));
        }

        return outcome;
    }

    public void SweepCompleted(int fulfilled, int closed)
    {
        runs.Add(1);
        if (fulfilled > 0)
        {
            repairs.Add(fulfilled, new KeyValuePair<string, object?>("kind", "fulfilled"));
        }

        if (closed > 0)
        {
            repairs.Add(closed, new KeyValuePair<string, object?>("kind", "expired"));
        }
    }

    // Every state appears, at zero too: a series that vanishes cannot be told from a broken exporter.
    private IEnumerable<Measurement<int>> ObserveOrders()
    {
        if (!orders.TryGet(out var counts))
        {
            return [];
        }

        return Enum.GetValues<OrderStatus>().Select(state => new Measurement<int>(counts.GetValueOrDefault(state),
            new KeyValuePair<string, object?>("state", StateName(state))));
    }

    internal static string StateName(OrderStatus state) => state switch
    {
        OrderStatus.AwaitingPayment => "awaiting_payment",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static async Task<Dictionary<OrderStatus, int>> CountAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StorefrontDbContext>().Set<Order>().AsNoTracking()
            .GroupBy(o => o.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
    }
}
