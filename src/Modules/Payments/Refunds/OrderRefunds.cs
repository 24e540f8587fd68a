using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Core.Events;
using Storefront.Core.Outbox;
using Storefront.Payments.CreditNotes;
using Storefront.Payments.Orders;
using Stripe;

namespace Storefront.Payments.Refunds;

/// <summary>
/// Records what Stripe says about a refund, from whichever path sees it first: the admin's call, <c>refund.created</c>,
/// <c>refund.updated</c> or <c>charge.refunded</c>, in any order, replayed or concurrent. The order's row is locked first,
/// so refunds of one order take turns; only the caller that inserts the refund's row issues its credit note, queues its
/// email and withdraws access, all in that one transaction.
/// </summary>
public sealed class OrderRefunds(
    StorefrontDbContext db, DomainEvents events, Outbox outbox, CreditNoteNumbers creditNotes, AuditLog audit, TimeProvider clock,
    ILogger<OrderRefunds> logger)
{
    /// <summary>Who made a refund that carries no admin's name: someone in Stripe's own dashboard.</summary>
    public const string StripeDashboard = "Stripe dashboard";

    /// <summary>Metadata the shop puts on its own refunds, so a webhook that arrives first records them as the admin's.</summary>
    public const string RefundedByKey = "storefront_refunded_by";

    public const string RevokeAccessKey = "storefront_revoke_access";

    /// <summary>The positions of the order lines a refund is for ("0,2"): what those lines granted is withdrawn.</summary>
    public const string LinesKey = "storefront_refund_lines";

    public Task<string> RecordAsync(Refund refund, CancellationToken cancellationToken) => InTransactionAsync(async () =>
    {
        if (refund is not { Id.Length: > 0, PaymentIntentId.Length: > 0, Status.Length: > 0 })
        {
            return "refund without id, status or payment intent";
        }

        var order = await LockOrderAsync(refund.PaymentIntentId, cancellationToken);
        if (order is null)
        {
            return "refund of an unknown payment";
        }

        if (await db.Set<OrderRefund>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == refund.Id, cancellationToken) is { } known)
        {
            if (!RefundStatuses.MayBecome(known.Status, refund.Status))
            {
                return "refund already recorded";
            }

            await db.Set<OrderRefund>().Where(r => r.Id == refund.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, refund.Status), cancellationToken);
            logger.LogInformation("Order {OrderNumber}: refund {RefundId} is now {Status}", order.Number, refund.Id, refund.Status);
            return $"refund {refund.Status}";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var by = refund.Metadata?.GetValueOrDefault(RefundedByKey) is { Length: > 0 } admin ? admin : StripeDashboard;
        var (id, amount, status, reason, intent) = (refund.Id, refund.Amount, refund.Status, refund.Reason, refund.PaymentIntentId);
        // Selecting the order in the INSERT itself keeps its key out of the parameters, whose GUID encoding differs by provider.
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO order_refunds (id, order_id, amount_minor, currency, status, reason, refunded_by, created_at)
            SELECT {id}, o.id, {amount}, o.currency, {status}, {reason}, {by}, {now} FROM orders o WHERE o.payment_intent_id = {intent}
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken);
        if (inserted == 0 || !RefundStatuses.Counts(status))
        {
            return inserted == 0 ? "refund already recorded" : $"refund {status}";
        }

        await creditNotes.IssueAsync(id, order.Id, now, cancellationToken);
        if (order.BuyerEmail is not null)
        {
            outbox.Enqueue(RefundEmailHandler.MessageType, id, new RefundMessage(id));
        }

        if (by == StripeDashboard)
        {
            audit.Record("refund.recorded", $"order {order.Number}", $"{id}: {amount} {order.Currency} by {StripeDashboard}");
        }

        await db.SaveChangesAsync(cancellationToken);
        var full = await RefundedMinorAsync(order.Id, cancellationToken) >= order.ChargedMinor;
        var revoke = full || refund.Metadata?.GetValueOrDefault(RevokeAccessKey) == "true";
        logger.LogInformation("Order {OrderNumber}: refund {RefundId} of {Amount} recorded", order.Number, id, amount);
        if (revoke)
        {
            return await WithdrawAsync(order, full, cancellationToken) ? "refund recorded; access revoked" : "refund recorded";
        }

        return await WithdrawLinesAsync(order, Positions(refund.Metadata?.GetValueOrDefault(LinesKey)), cancellationToken) > 0
            ? "refund recorded; its lines' access revoked"
            : "refund recorded";
    });

    /// <summary>Stripe says the charge is refunded in full (<c>charge.refunded</c> with <c>refunded: true</c>), whatever we recorded.</summary>
    public Task<string> FullyRefundedAsync(string paymentIntentId, CancellationToken cancellationToken) => InTransactionAsync(async () =>
    {
        var order = await LockOrderAsync(paymentIntentId, cancellationToken);
        return order is null ? "refund of an unknown payment"
            : await WithdrawAsync(order, full: true, cancellationToken) ? "revoked" : "already refunded";
    });

    /// <summary>What counts against the order so far: succeeded and pending refunds, not failed or canceled ones.</summary>
    public Task<long> RefundedMinorAsync(Guid orderId, CancellationToken cancellationToken) =>
        db.Set<OrderRefund>().Where(r => r.OrderId == orderId && r.Status != RefundStatuses.Failed && r.Status != RefundStatuses.Canceled)
            .SumAsync(r => r.AmountMinor, cancellationToken);

    public async Task<IReadOnlyList<OrderRefund>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        await db.Set<OrderRefund>().AsNoTracking().Where(r => r.OrderId == orderId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// A full refund marks the order refunded; both it and a partial one the admin asked to revoke withdraw what the order
    /// granted. Only the first caller publishes, so access and the order's state move once.
    /// </summary>
    private async Task<bool> WithdrawAsync(Order order, bool full, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (full)
        {
            var claimed = await db.Set<Order>().Where(o => o.Id == order.Id && o.Status != OrderStatus.Refunded)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Refunded).SetProperty(o => o.RefundedAt, now), cancellationToken);
            if (claimed == 0)
            {
                return false;
            }
        }

        await events.PublishAsync(new OrderRefunded(order.Id, order.Number), cancellationToken);
        logger.LogInformation("Order {OrderNumber}: refunded {Extent}; what it granted is withdrawn", order.Number, full ? "in full" : "in part");
        return true;
    }

    /// <summary>
    /// A partial refund that named lines: those lines are marked refunded and what they granted is withdrawn; a line already
    /// marked (a replayed or concurrent record) is not withdrawn twice.
    /// </summary>
    private async Task<int> WithdrawLinesAsync(Order order, IReadOnlyList<int> positions, CancellationToken cancellationToken)
    {
        if (positions.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var lines = await db.Set<OrderLine>().AsNoTracking()
            .Where(l => l.OrderId == order.Id && positions.Contains(l.Position) && l.RefundedAt == null).ToListAsync(cancellationToken);
        var withdrawn = new List<PaidLine>();
        foreach (var line in lines)
        {
            if (await db.Set<OrderLine>().Where(l => l.Id == line.Id && l.RefundedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.RefundedAt, now), cancellationToken) == 1)
            {
                withdrawn.Add(new PaidLine(line.Id, line.ProductId, line.ProductTitle));
            }
        }

        if (withdrawn.Count > 0)
        {
            await events.PublishAsync(new OrderLinesRefunded(order.Id, order.Number, withdrawn), cancellationToken);
            logger.LogInformation("Order {OrderNumber}: {Count} line(s) refunded; what they granted is withdrawn", order.Number, withdrawn.Count);
        }

        return withdrawn.Count;
    }

    private static List<int> Positions(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0).Distinct()];

    /// <summary>
    /// Takes the order's row lock (a no-op UPDATE) before anything is read, so two refunds of one order recorded at once
    /// see each other's amounts on PostgreSQL too, and the last one is the one that finds the order fully refunded.
    /// </summary>
    private async Task<Order?> LockOrderAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        var locked = await db.Set<Order>().Where(o => o.PaymentIntentId == paymentIntentId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Number, o => o.Number), cancellationToken);
        return locked == 0 ? null : await db.Set<Order>().AsNoTracking().FirstAsync(o => o.PaymentIntentId == paymentIntentId, cancellationToken);
    }

    private Task<string> InTransactionAsync(Func<Task<string>> step) => OrderTransactions.RunAsync(db, step);
}
