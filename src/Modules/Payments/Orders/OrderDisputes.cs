using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Core.Data;
using Storefront.Core.Events;
using Storefront.Core.Outbox;
using Storefront.Payments.Disputes;
using Stripe;

namespace Storefront.Payments.Orders;

/// <summary>
/// Keeps each order's disputes and tells the other modules when access must pause, come back or end. Every step is
/// one conditional write that only the first of any number of deliveries wins (the dispute row is inserted once,
/// closed once, its funds recorded once each), and only that delivery publishes and queues its emails, in the same
/// transaction, so replays change nothing and send nothing.
/// </summary>
public sealed class OrderDisputes(StorefrontDbContext db, DomainEvents events, Outbox outbox, TimeProvider clock, ILogger<OrderDisputes> logger)
{
    public Task<string> OpenAsync(Dispute dispute, CancellationToken cancellationToken) => InTransactionAsync(() => OpenInTransactionAsync(dispute, cancellationToken));

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
        Notify(dispute.Id, DisputeNotices.SupportClosed);
        var won = dispute.Status != DisputeOutcomes.Lost;
        if (won && await db.Set<OrderDispute>().AnyAsync(d => d.OrderId == order.Id && d.ClosedAt == null, cancellationToken))
        {
            return "won; another dispute is still open";
        }

        // A refunded order stays refunded and revoked whatever the bank decides: its buyer hears nothing of access.
        var wasDisputed = order.Status == OrderStatus.Disputed;
        if (won)
        {
            await db.Set<Order>().Where(o => o.Id == order.Id && o.Status == OrderStatus.Disputed).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, OrderStatus.Paid).SetProperty(o => o.RefundedAt, (DateTime?)null), cancellationToken);
        }

        await events.PublishAsync(new OrderDisputeClosed(order.Id, order.Number, won), cancellationToken);
        if (wasDisputed)
        {
            Notify(dispute.Id, won ? DisputeNotices.BuyerReinstated : DisputeNotices.BuyerEnded);
        }

        logger.LogInformation("Order {OrderNumber}: dispute {DisputeId} {Outcome}", order.Number, dispute.Id, dispute.Status);
        return won ? "reinstated" : "revoked";
    });

    /// <summary>
    /// Records the money a dispute took from the balance, or gave back, once each. Stripe does not promise to deliver
    /// <c>charge.dispute.created</c> first, and these events carry the whole dispute, so one arriving first opens it.
    /// </summary>
    public Task<string> FundsAsync(Dispute dispute, bool reinstated, CancellationToken cancellationToken) => InTransactionAsync(async () =>
    {
        var opened = await OpenInTransactionAsync(dispute, cancellationToken);
        if (opened == "no payment intent" || !await db.Set<OrderDispute>().AnyAsync(d => d.Id == dispute.Id, cancellationToken))
        {
            return "dispute of an unknown order";
        }

        // The balance transactions of the matching direction carry what moved, in the balance's currency, with the fee.
        var moves = (dispute.BalanceTransactions ?? []).Where(t => reinstated ? t.Amount > 0 : t.Amount < 0).ToList();
        var amount = moves.Count > 0 ? Math.Abs(moves.Sum(t => t.Amount)) : dispute.Amount;
        var fee = moves.Sum(t => t.Fee);
        var currency = moves.FirstOrDefault()?.Currency ?? dispute.Currency;
        var now = clock.GetUtcNow().UtcDateTime;
        var recorded = reinstated
            ? await db.Set<OrderDispute>().Where(d => d.Id == dispute.Id && d.FundsReinstatedAt == null).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.FundsReinstatedAt, now).SetProperty(d => d.FundsReinstatedMinor, amount)
                .SetProperty(d => d.FundsCurrency, d => d.FundsCurrency ?? currency), cancellationToken)
            : await db.Set<OrderDispute>().Where(d => d.Id == dispute.Id && d.FundsWithdrawnAt == null).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.FundsWithdrawnAt, now).SetProperty(d => d.FundsWithdrawnMinor, amount).SetProperty(d => d.FundsWithdrawnFeeMinor, fee)
                .SetProperty(d => d.FundsCurrency, d => d.FundsCurrency ?? currency), cancellationToken);
        return recorded == 0 ? "funds already recorded" : reinstated ? "funds reinstated" : "funds withdrawn";
    });

    public async Task<IReadOnlyList<OrderDispute>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        await db.Set<OrderDispute>().AsNoTracking().Where(d => d.OrderId == orderId).OrderBy(d => d.OpenedAt).ToListAsync(cancellationToken);

    private async Task<string> OpenInTransactionAsync(Dispute dispute, CancellationToken cancellationToken)
    {
        if (dispute is not { Id.Length: > 0, PaymentIntentId.Length: > 0 })
        {
            return "no payment intent";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (id, intent, reason, amount) = (dispute.Id, dispute.PaymentIntentId, dispute.Reason, dispute.Amount);
        DateTime? dueBy = dispute.EvidenceDetails?.DueBy is { } due && due > DateTime.UnixEpoch ? DateTime.SpecifyKind(due, DateTimeKind.Utc) : null;
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

        // Set apart: a null parameter in the SELECT above would have no type PostgreSQL could insert.
        if (dueBy is not null)
        {
            await db.Set<OrderDispute>().Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.EvidenceDueBy, dueBy), cancellationToken);
        }

        var order = await OrderOfAsync(id, cancellationToken);
        // The funds are withdrawn while the dispute runs, so the order counts as refunded until it is decided; an order
        // already refunded stays refunded, whatever the bank decides.
        await db.Set<Order>().Where(o => o.Id == order.Id && o.Status == OrderStatus.Paid).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.Status, OrderStatus.Disputed).SetProperty(o => o.RefundedAt, now), cancellationToken);
        await events.PublishAsync(new OrderDisputeOpened(order.Id, order.Number), cancellationToken);
        Notify(id, DisputeNotices.SupportOpened);
        if (order.Status is OrderStatus.Paid or OrderStatus.Disputed)
        {
            Notify(id, DisputeNotices.BuyerSuspended);
        }

        logger.LogInformation("Order {OrderNumber}: dispute {DisputeId} opened; access is suspended", order.Number, id);
        return "suspended";
    }

    // Keyed by dispute and notice: the outbox refuses a second copy even if a step ever ran twice.
    private void Notify(string disputeId, string notice) =>
        outbox.Enqueue(DisputeEmailHandler.MessageType, $"{disputeId}:{notice}", new DisputeEmailMessage(disputeId, notice));

    private async Task<Order> OrderOfAsync(string disputeId, CancellationToken cancellationToken)
    {
        var orderId = await db.Set<OrderDispute>().Where(d => d.Id == disputeId).Select(d => d.OrderId).SingleAsync(cancellationToken);
        return await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == orderId, cancellationToken);
    }

    private Task<string> InTransactionAsync(Func<Task<string>> step) => OrderTransactions.RunAsync(db, step);
}
