using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Events;
using Storefront.Core.Outbox;
using Storefront.Payments.Invoices;
using Storefront.Payments.Receipts;

namespace Storefront.Payments.Orders;

/// <summary>What a paid Checkout Session tells us, whether it came from a webhook or from asking Stripe.</summary>
public sealed record PaidSession(string SessionId, string? PaymentIntentId, string? BuyerEmail, string? BuyerName, PaidDetails? Details = null);

/// <summary>
/// What the invoice prints beyond the order: the billing address and tax ids Checkout collected, Stripe's amounts
/// (a discount or tax it applied) and how the buyer paid.
/// </summary>
public sealed record PaidDetails(
    string? BuyerAddress, string? BuyerTaxIds, long? AmountSubtotal, long? AmountDiscount, long? AmountTax, long? AmountTotal, string? PaymentMethod,
    IReadOnlyList<PaidLineAmounts>? Lines = null);

/// <summary>What Stripe reported for the line at <paramref name="Position"/>: its discount, its tax and what it cost.</summary>
public sealed record PaidLineAmounts(int Position, long Discount, long Tax, long Total);

/// <summary>
/// Fulfils an order exactly once per Checkout Session, however many deliveries race for it: the
/// database decides with one conditional UPDATE (only the caller that flips <c>fulfilled_at</c> from
/// null publishes <see cref="OrderPaid"/>, whose handlers grant what was bought, and queues the receipt, all in the
/// same transaction, with the order's invoice number). Limited units the order held become sold ones.
/// </summary>
public sealed class Fulfilment(
    StorefrontDbContext db, DomainEvents events, Outbox outbox, InvoiceNumbers invoices, IEnumerable<IProductStock> stocks, TimeProvider clock,
    ILogger<Fulfilment> logger)
{
    public async Task<bool> FulfilAsync(PaidSession paid, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var details = paid.Details ?? new PaidDetails(null, null, null, null, null, null, null);
            var claimed = await db.Set<Order>()
                .Where(o => o.CheckoutSessionId == paid.SessionId && o.FulfilledAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.FulfilledAt, now)
                    .SetProperty(o => o.Status, OrderStatus.Paid)
                    .SetProperty(o => o.PaymentIntentId, paid.PaymentIntentId)
                    .SetProperty(o => o.BuyerEmail, o => paid.BuyerEmail ?? o.BuyerEmail)
                    .SetProperty(o => o.BuyerName, o => paid.BuyerName ?? o.BuyerName)
                    .SetProperty(o => o.BuyerAddress, details.BuyerAddress)
                    .SetProperty(o => o.BuyerTaxIds, details.BuyerTaxIds)
                    .SetProperty(o => o.AmountSubtotal, details.AmountSubtotal)
                    .SetProperty(o => o.AmountDiscount, details.AmountDiscount)
                    .SetProperty(o => o.AmountTax, details.AmountTax)
                    .SetProperty(o => o.AmountTotal, details.AmountTotal)
                    .SetProperty(o => o.PaymentMethod, details.PaymentMethod), cancellationToken);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            var order = await db.Set<Order>().AsNoTracking().SingleAsync(o => o.CheckoutSessionId == paid.SessionId, cancellationToken);
            var lines = await db.Set<OrderLine>().Where(l => l.OrderId == order.Id).OrderBy(l => l.Position).ToListAsync(cancellationToken);
            foreach (var amounts in details.Lines ?? [])
            {
                if (lines.FirstOrDefault(l => l.Position == amounts.Position) is { } line)
                {
                    (line.AmountDiscount, line.AmountTax, line.AmountTotal) = (amounts.Discount, amounts.Tax, amounts.Total);
                }
            }

            await invoices.IssueAsync(order.Id, now, cancellationToken);
            // The cart this checkout came from has been bought: it empties, on whichever instance the buyer looks next.
            await db.Set<Cart.CartItem>()
                .Where(i => db.Set<Cart.Cart>().Any(c => c.Id == i.CartId && c.CheckoutOrderId == order.Id))
                .ExecuteDeleteAsync(cancellationToken);
            foreach (var stock in stocks)
            {
                await stock.ConfirmAsync(order.Id, cancellationToken);
            }

            // Without an email the purchase is still granted (the stamp still carries the order and its licence code) but no
            // receipt can go out; the admin shows the order as needing attention.
            var paidLines = lines.Select(l => new PaidLine(l.Id, l.ProductId, l.ProductTitle)).ToList();
            await events.PublishAsync(new OrderPaid(order.Id, order.Number, paidLines, order.BuyerEmail ?? "", order.BuyerName), cancellationToken);
            if (order.BuyerEmail is not null)
            {
                outbox.Enqueue(ReceiptHandler.MessageType, order.Id.ToString(), new ReceiptMessage(order.Id));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Order {OrderNumber} fulfilled for session {SessionId}", order.Number, paid.SessionId);
            if (order.NeedsAttention is { } attention)
            {
                logger.LogWarning("Order {OrderNumber} needs attention: {Attention}", order.Number, attention);
            }
            return true;
        });
    }

    /// <summary>Checkout completed but a delayed payment has not settled.</summary>
    public Task<int> MarkAwaitingPaymentAsync(string sessionId, string? email, string? name, CancellationToken cancellationToken) =>
        db.Set<Order>().Where(o => o.CheckoutSessionId == sessionId && o.Status == OrderStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, OrderStatus.AwaitingPayment)
                .SetProperty(o => o.BuyerEmail, o => email ?? o.BuyerEmail)
                .SetProperty(o => o.BuyerName, o => name ?? o.BuyerName), cancellationToken);

    /// <summary>Checkout expired or the delayed payment failed: close the order unless it was already paid, and give back the units it held.</summary>
    public async Task<int> CloseAsync(string sessionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var closed = await db.Set<Order>().Where(o => o.CheckoutSessionId == sessionId && o.FulfilledAt == null && o.Status != OrderStatus.Closed)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Closed).SetProperty(o => o.ClosedAt, now), cancellationToken);
        var orderId = await db.Set<Order>().Where(o => o.CheckoutSessionId == sessionId && o.FulfilledAt == null).Select(o => (Guid?)o.Id)
            .FirstOrDefaultAsync(cancellationToken);
        // Also when already closed: a release is idempotent, and a crash between the two steps must not keep units held.
        foreach (var stock in orderId is null ? [] : stocks)
        {
            await stock.ReleaseAsync(orderId!.Value, cancellationToken);
        }

        return closed;
    }
}
