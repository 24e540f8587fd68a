using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Core.Data;
using Storefront.Core.Events;
using Stripe;

namespace Storefront.Payments.Orders;

/// <summary>
/// Keeps each order's disputes and tells the other modules when access must pause, come back or end. Every step is
/// one conditional write that only the first of any number of deliveries wins (the dispute row is inserted once,
/// closed once), and only that delivery publishes, in the same transaction, so replays change nothing.
/// </summary>
public sealed class OrderDisputes(StorefrontDbContext db, DomainEvents events, TimeProvider clock, ILogger<OrderDisputes> logger)
{
    public Task<string> OpenAsync(Dispute dispute, CancellationToken cancellationToken) => InTransactionAsync(async () =>
    {
        if (dispute is not { Id.Length: > 0, PaymentIntentId.Length: > 0 })
        {
            return "no payment intent";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (id, intent, reason, amount) = (dispute.Id, dispute.PaymentIntentId, dispute.Reason, dispute.Amount);
        // Selecting the order in the INSERT itself keeps its key out of the parameters, whose GUID encoding differs by provider.
        var opened = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO order_disputes (id, order_id, reason, amount_minor, currency, opened_at)
            SELECT {id}, o.id, {reason}, {amount}, o.currency, {now} FROM orders o WHERE o.payment_intent_id = {intent}
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken);
        if (opened == 0)
        {
            return "dispute already recorded or order unknown";
        }

        var order = await OrderOfAsync(id, cancellationToken);
        // The funds are withdrawn while the dispute runs, so the order counts as refunded until it is decided; an order
        // already refunded stays refunded, whatever the bank decides.
        await db.Set<Order>().Where(o => o.Id == order.Id && o.Status == OrderStatus.Paid).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.Status, OrderStatus.Disputed).SetProperty(o => o.RefundedAt, now), cancellationToken);
        await events.PublishAsync(new OrderDisputeOpened(order.Id, order.Number), cancellationToken);
        logger.LogInformation("Order {OrderNumber}: dispute {DisputeId} opened; access is suspended", order.Number, id);
        return "suspended";
    });

    public Task<string> CloseAsync(Dispute dispute, CancellationToken cancellationToken) => InTransactionAsync(async () =>
    {
        if (dispute is not { Id.Length: > 0, Status: DisputeOutcomes.Won or DisputeOutcomes.Lost or DisputeOutcomes.WarningClosed })
        {
            return "dispute not decided";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var closed = await db.Set<OrderDispute>().Where(d => d.Id == dispute.Id && d.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClosedAt, now).SetProperty(d => d.Outcome, dispute.Status), cancellationToken);
        if (closed == 0)
        {
            return "dispute already closed or unknown";
        }

        var order = await OrderOfAsync(dispute.Id, cancellationToken);
        var won = dispute.Status != DisputeOutcomes.Lost;
        if (won && await db.Set<OrderDispute>().AnyAsync(d => d.OrderId == order.Id && d.ClosedAt == null, cancellationToken))
        {
            return "won; another dispute is still open";
        }

        if (won)
        {
            await db.Set<Order>().Where(o => o.Id == order.Id && o.Status == OrderStatus.Disputed).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, OrderStatus.Paid).SetProperty(o => o.RefundedAt, (DateTime?)null), cancellationToken);
        }

        await events.PublishAsync(new OrderDisputeClosed(order.Id, order.Number, won), cancellationToken);
        logger.LogInformation("Order {OrderNumber}: dispute {DisputeId} {Outcome}", order.Number, dispute.Id, dispute.Status);
        return won ? "reinstated" : "revoked";
    });

    public async Task<IReadOnlyList<OrderDispute>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        await db.Set<OrderDispute>().AsNoTracking().Where(d => d.OrderId == orderId).OrderBy(d => d.OpenedAt).ToListAsync(cancellationToken);

    private async Task<Order> OrderOfAsync(string disputeId, CancellationToken cancellationToken)
    {
        var orderId = await db.Set<OrderDispute>().Where(d => d.Id == disputeId).Select(d => d.OrderId).SingleAsync(cancellationToken);
        return await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == orderId, cancellationToken);
    }

    private Task<string> InTransactionAsync(Func<Task<string>> step) => OrderTransactions.RunAsync(db, step);
}
