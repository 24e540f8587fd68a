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

    /// <summary>Whether fulfilling this session still lacks a buyer email (an earlier event may have brought one).</summary>
    public Task<bool> LacksBuyerEmailAsync(string sessionId, CancellationToken cancellationToken) =>
        db.Set<Order>().AnyAsync(o => o.CheckoutSessionId == sessionId && o.FulfilledAt == null && o.BuyerEmail == null, cancellationToken);

    /// <summary>Whether the session's order still waits for fulfilment.</summary>
    public Task<bool> IsUnfulfilledAsync(string sessionId, CancellationToken cancellationToken) =>
        db.Set<Order>().AnyAsync(o => o.CheckoutSessionId == sessionId && o.FulfilledAt == null, cancellationToken);

    /// <summary>What Stripe charged must be what we asked for; anything else is not fulfilled automatically.</summary>
    public async Task<bool> AmountMatchesAsync(string sessionId, long? amount, string? currency, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking().SingleAsync(o => o.CheckoutSessionId == sessionId, cancellationToken);
        if (amount == order.AmountMinor && string.Equals(currency, order.Currency, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        logger.LogError("Order {OrderNumber}: Stripe reports {Amount} {Currency}, the order says {Expected} {ExpectedCurrency}; not fulfilled",
            order.Number, amount, currency, order.AmountMinor, order.Currency);
        return false;
    }
}
