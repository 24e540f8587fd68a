using Microsoft.EntityFrameworkCore;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Payments.Orders;

namespace Storefront.Payments.Checkout;

public enum CheckoutState
{
    /// <summary>No order of ours has this session: show nothing.</summary>
    Unknown,

    /// <summary>Not (yet) paid: processing, awaiting a delayed payment, or abandoned.</summary>
    Processing,

    Paid,

    /// <summary>Expired, failed, refunded or disputed: no links.</summary>
    Closed,
}

public sealed record DownloadLink(string ProductTitle, Uri Url, int UsesAllowed, DateTime ExpiresAt);

public sealed record CheckoutView(CheckoutState State, Order? Order, IReadOnlyList<DownloadLink> Links, OrderStatement? Statement = null);

/// <summary>
/// What the success page may show. It never trusts the redirect: links appear only for an order the
/// webhook fulfilled, or, if the webhook has not arrived yet, after asking Stripe server-side and
/// running the same idempotent fulfilment. A settled order is answered from the database alone.
/// </summary>
public sealed class CheckoutStatus(
    StorefrontDbContext db, CheckoutSessionLookup stripe, CheckoutSettlement settlement, IDownloadAccess downloads, PaymentsMetrics metrics)
{
    public async Task<CheckoutView> GetAsync(string sessionId, string requestOrigin, CancellationToken cancellationToken)
    {
        var order = await FindAsync(sessionId, cancellationToken);
        if (order is null)
        {
            return new CheckoutView(CheckoutState.Unknown, null, []);
        }

        if (order.FulfilledAt is null && order.Status is OrderStatus.Pending or OrderStatus.AwaitingPayment)
        {
            await AskStripeAsync(order, cancellationToken);
            order = await FindAsync(sessionId, cancellationToken) ?? order;
        }

        if (order.Status != OrderStatus.Paid)
        {
            var state = order.Status is OrderStatus.Pending or OrderStatus.AwaitingPayment ? CheckoutState.Processing : CheckoutState.Closed;
            return new CheckoutView(state, order, []);
        }

        var granted = await downloads.ForOrderAsync(order.Id, cancellationToken);
        var shown = granted.Where(g => g.IsActive)
            .Select(g => new DownloadLink(g.ProductTitle, downloads.LinkFor(g, requestOrigin), g.UsesLeft, g.ExpiresAt)).ToList();
        return new CheckoutView(CheckoutState.Paid, order, shown, await OrderStatement.LoadAsync(db, order, cancellationToken));
    }

    private Task<Order?> FindAsync(string sessionId, CancellationToken cancellationToken) =>
        db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.CheckoutSessionId == sessionId, cancellationToken);

    private async Task AskStripeAsync(Order order, CancellationToken cancellationToken)
    {
        // Without an answer the page shows "processing" and refreshes; the webhook will settle it.
        var session = await stripe.GetAsync(order.CheckoutSessionId!);
        if (session is not null && session.Id == order.CheckoutSessionId && session.ClientReferenceId == order.Id.ToString()
            && session.Status == "complete" && CheckoutSettlement.IsPaid(session))
        {
            metrics.Fulfilled(await settlement.FulfilAsync(session, cancellationToken), "success_page");
        }
    }
}
