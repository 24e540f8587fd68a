using Microsoft.EntityFrameworkCore;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Payments.Orders;
using Storefront.Payments.Refunds;

namespace Storefront.Payments.Dashboard;

/// <summary>Revenue of one currency: what was paid, minus what was refunded.</summary>
public sealed record CurrencyRevenue(string Currency, long PaidMinor, long RefundedMinor)
{
    public long NetMinor => PaidMinor - RefundedMinor;
}

public sealed record DayFigures(DateOnly Day, int Orders, int Downloads);

public sealed record ProductRevenue(string Title, string Currency, long NetMinor, int Orders);

public sealed record Dashboard(
    DateOnly From, DateOnly To, IReadOnlyList<CurrencyRevenue> Revenue, int Orders, int Refunds, int Downloads,
    IReadOnlyList<DayFigures> Days, IReadOnlyList<ProductRevenue> TopProducts);

/// <summary>
/// The last 30 days at a glance. The window is fetched as plain rows and grouped in memory: grouping by
/// date is spelled differently in SQLite and PostgreSQL, and a 30-day window of a small shop is small.
/// </summary>
public sealed class DashboardFigures(StorefrontDbContext db, IDownloadAccess downloadAccess, TimeProvider clock)
{
    public const int Days = 30;

    public async Task<Dashboard> LastThirtyDaysAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = today.AddDays(-(Days - 1));
        var since = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        // Every order that was ever paid counts on the day it was paid; refunded and disputed ones were paid too.
        var paid = await db.Set<Order>().AsNoTracking()
            .Where(o => o.FulfilledAt != null && o.FulfilledAt >= since)
            // Revenue is what buyers were charged: after discounts, with any tax Stripe added.
            .Select(o => new { o.Id, o.FulfilledAt, AmountMinor = o.AmountTotal ?? o.AmountMinor, o.Currency, o.ProductTitle, o.Status })
            .ToListAsync(cancellationToken);
        // Orders taken back in full: refunded, or lost to a dispute (the bank took the whole payment).
        var refunded = await db.Set<Order>().AsNoTracking()
            .Where(o => o.RefundedAt != null && o.RefundedAt >= since && o.FulfilledAt != null)
            .Select(o => new { o.Id, AmountMinor = o.AmountTotal ?? o.AmountMinor, o.Currency, o.Status })
            .ToListAsync(cancellationToken);
        // Money goes back refund by refund, partial ones included, on the day each was made; failed ones gave nothing back.
        var refunds = (await db.Set<OrderRefund>().AsNoTracking().Where(r => r.CreatedAt >= since)
            .Select(r => new { r.OrderId, r.AmountMinor, r.Currency, r.Status }).ToListAsync(cancellationToken))
            .Where(r => RefundStatuses.Counts(r.Status)).ToList();
        var returned = refunds.Select(r => (r.Currency, r.AmountMinor))
            .Concat(refunded.Where(o => o.Status == OrderStatus.Disputed).Select(o => (o.Currency, o.AmountMinor)))
            .ToList();
        var downloads = await downloadAccess.DeliveriesSinceAsync(since, cancellationToken);

        var revenue = paid.Select(o => o.Currency).Concat(returned.Select(r => r.Currency)).Distinct().Order(StringComparer.Ordinal)
            .Select(c => new CurrencyRevenue(c,
                paid.Where(o => o.Currency == c).Sum(o => o.AmountMinor),
                returned.Where(r => r.Currency == c).Sum(r => r.AmountMinor)))
            .ToList();
        var days = Enumerable.Range(0, Days).Select(i => from.AddDays(i))
            .Select(d => new DayFigures(d,
                paid.Count(o => DateOnly.FromDateTime(o.FulfilledAt!.Value) == d),
                downloads.Count(a => DateOnly.FromDateTime(a) == d)))
            .ToList();
        var top = paid.GroupBy(o => (o.ProductTitle, o.Currency))
            .Select(g => new ProductRevenue(g.Key.ProductTitle, g.Key.Currency,
                g.Where(o => o.Status is not (OrderStatus.Refunded or OrderStatus.Disputed))
                    .Sum(o => o.AmountMinor - refunds.Where(r => r.OrderId == o.Id).Sum(r => r.AmountMinor)), g.Count()))
            .OrderByDescending(p => p.NetMinor).ThenBy(p => p.Title, StringComparer.Ordinal)
            .Take(5)
            .ToList();
        return new Dashboard(from, today, revenue, paid.Count, refunded.Count, downloads.Count, days, top);
    }
}
