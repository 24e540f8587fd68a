using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Core.Data;

namespace Storefront.Payments.Orders;

/// <summary>Ties a Stripe Checkout Session back to our order.</summary>
public sealed class CheckoutSessions(StorefrontDbContext db, ILogger<CheckoutSessions> logger)
{
    /// <summary>
    /// The session id if it belongs to one of our orders. An order whose session id was never saved
    /// (the process died between creating the session and recording it) is matched by
    /// <c>client_reference_id</c>, which names our order, and the id is recorded now.
    /// </summary>
    public async Task<string?> ResolveAsync(string? sessionId, string? clientReferenceId, CancellationToken cancellationToken)
    {
        if (sessionId is null)
        {
            return null;
        }

        if (await db.Set<Order>().AnyAsync(o => o.CheckoutSessionId == sessionId, cancellationToken))
        {
            return sessionId;
        }

        if (Guid.TryParse(clientReferenceId, out var orderId)
            && await db.Set<Order>().Where(o => o.Id == orderId && o.CheckoutSessionId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.CheckoutSessionId, sessionId), cancellationToken) == 1)
        {
            return sessionId;
        }

        logger.LogWarning("Checkout session {SessionId} matches no order", sessionId);
        return null;
    }

    /// <summary>The session's order and its lines while it still waits for fulfilment; null once fulfilled.</summary>
    public async Task<UnfulfilledOrder?> UnfulfilledAsync(string sessionId, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.CheckoutSessionId == sessionId && o.FulfilledAt == null, cancellationToken);
        if (order is null)
        {
            return null;
        }

        var lines = await db.Set<OrderLine>().AsNoTracking().Where(l => l.OrderId == order.Id).OrderBy(l => l.Position).ToListAsync(cancellationToken);
        return new UnfulfilledOrder(order, lines);
    }

    /// <summary>
    /// What Stripe charged is not what the order asked for: it is not fulfilled by itself, and the admin shows why. Kept on
    /// the order rather than only logged, so a paid order cannot be lost quietly.
    /// </summary>
    public async Task FlagAsync(string sessionId, string mismatch, CancellationToken cancellationToken)
    {
        await db.Set<Order>().Where(o => o.CheckoutSessionId == sessionId && o.FulfilledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Attention, "amount mismatch: " + mismatch), cancellationToken);
        var number = await db.Set<Order>().Where(o => o.CheckoutSessionId == sessionId).Select(o => o.Number).FirstOrDefaultAsync(cancellationToken);
        logger.LogError("Order {OrderNumber}: {Mismatch} Not fulfilled; it needs attention", number, mismatch);
    }
}

/// <summary>An order that is not fulfilled yet, with its lines in Checkout order.</summary>
public sealed record UnfulfilledOrder(Order Order, IReadOnlyList<OrderLine> Lines);
