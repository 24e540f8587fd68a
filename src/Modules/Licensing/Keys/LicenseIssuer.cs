using Microsoft.EntityFrameworkCore;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Events;
using Storefront.Licensing.Data;

namespace Storefront.Licensing.Keys;

/// <summary>
/// Issues and withdraws keys as Payments reports what happened to an order. Runs inside the publisher's transaction, so
/// a paid order and its keys are committed together or not at all, and a refund and the revocation likewise.
/// </summary>
internal sealed class LicenseIssuer(StorefrontDbContext db, TimeProvider clock)
    : IDomainEventHandler<OrderPaid>, IDomainEventHandler<OrderRefunded>, IDomainEventHandler<OrderLinesRefunded>,
    IDomainEventHandler<OrderDisputeOpened>, IDomainEventHandler<OrderDisputeClosed>
{
    public async Task HandleAsync(OrderPaid paid, CancellationToken cancellationToken)
    {
        var productIds = paid.Lines.Select(l => l.ProductId).Distinct().ToList();
        var issuing = await db.Set<LicensedProduct>().AsNoTracking().Where(p => productIds.Contains(p.ProductId) && p.IssuesKeys)
            .Select(p => p.ProductId).ToListAsync(cancellationToken);
        // The payment's transaction holds the invoice counter's lock: an order without licensed products asks nothing more.
        if (issuing.Count == 0)
        {
            return;
        }

        var lineIds = paid.Lines.Select(l => l.LineId).ToList();
        var issued = await db.Set<LicenseKey>().AsNoTracking().Where(k => lineIds.Contains(k.LineId)).Select(k => k.LineId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var line in paid.Lines.Where(l => issuing.Contains(l.ProductId) && !issued.Contains(l.LineId)))
        {
            // A clash of two 100-bit random keys is not a case to handle: the unique index would fail the whole payment's
            // transaction, which Stripe's retried delivery then repeats with fresh keys.
            db.Add(new LicenseKey
            {
                Key = LicenseKeyFormat.New(),
                LineId = line.LineId,
                OrderId = paid.OrderId,
                OrderNumber = paid.OrderNumber,
                ProductId = line.ProductId,
                ProductTitle = line.ProductTitle,
                BuyerEmail = paid.BuyerEmail,
                IssuedAt = now,
            });
        }
    }

    public Task HandleAsync(OrderRefunded refunded, CancellationToken cancellationToken) =>
        RevokeAsync(db.Set<LicenseKey>().Where(k => k.OrderId == refunded.OrderId), "refunded", cancellationToken);

    public Task HandleAsync(OrderLinesRefunded refunded, CancellationToken cancellationToken)
    {
        var lineIds = refunded.Lines.Select(l => l.LineId).ToList();
        return RevokeAsync(db.Set<LicenseKey>().Where(k => k.OrderId == refunded.OrderId && lineIds.Contains(k.LineId)), "refunded", cancellationToken);
    }

    public Task HandleAsync(OrderDisputeOpened disputed, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<LicenseKey>().Where(k => k.OrderId == disputed.OrderId && k.RevokedAt == null && k.SuspendedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.SuspendedAt, now), cancellationToken);
    }

    public Task HandleAsync(OrderDisputeClosed closed, CancellationToken cancellationToken) => closed.Won
        ? db.Set<LicenseKey>().Where(k => k.OrderId == closed.OrderId && k.SuspendedAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.SuspendedAt, (DateTime?)null), cancellationToken)
        : RevokeAsync(db.Set<LicenseKey>().Where(k => k.OrderId == closed.OrderId), "dispute lost", cancellationToken);

    /// <summary>Revokes the keys not revoked yet; the first reason stays, as the state only moves forward.</summary>
    internal Task<int> RevokeAsync(IQueryable<LicenseKey> keys, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return keys.Where(k => k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now).SetProperty(k => k.RevokedReason, reason), cancellationToken);
    }
}
