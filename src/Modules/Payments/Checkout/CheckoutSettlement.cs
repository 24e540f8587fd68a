using Storefront.Payments.Orders;
using Stripe.Checkout;

namespace Storefront.Payments.Checkout;

/// <summary>
/// The one reading of a Stripe Checkout Session, whether it arrived in a signed event or was asked for by the
/// success page: which order it names, whether it is paid, who paid, and what that means for the order.
/// </summary>
public sealed class CheckoutSettlement(CheckoutSessions sessions, Fulfilment fulfilment)
{
    /// <summary><c>no_payment_required</c> counts: a free product completes without a charge.</summary>
    public static bool IsPaid(Session session) => session.PaymentStatus is "paid" or "no_payment_required";

    /// <summary>Resolves the order, checks the amount Stripe charged and fulfils once, however often it is called.</summary>
    public async Task<string> FulfilAsync(Session session, CancellationToken cancellationToken)
    {
        var sessionId = await sessions.ResolveAsync(session.Id, session.ClientReferenceId, cancellationToken);
        if (sessionId is null)
        {
            return "unknown session";
        }

        if (!await sessions.AmountMatchesAsync(sessionId, session.AmountTotal, session.Currency, cancellationToken))
        {
            return "amount mismatch";
        }

        var (email, name) = Buyer(session);
        var fulfilled = await fulfilment.FulfilAsync(new PaidSession(sessionId, session.PaymentIntentId, email, name), cancellationToken);
        return fulfilled ? "fulfilled" : "already fulfilled";
    }

    /// <summary>Complete but unpaid: a bank debit that settles (or fails) days later with its own event.</summary>
    public async Task<string> AwaitPaymentAsync(Session session, CancellationToken cancellationToken)
    {
        var sessionId = await sessions.ResolveAsync(session.Id, session.ClientReferenceId, cancellationToken);
        if (sessionId is null)
        {
            return "unknown session";
        }

        var (email, name) = Buyer(session);
        await fulfilment.MarkAwaitingPaymentAsync(sessionId, email, name, cancellationToken);
        return "awaiting payment";
    }

    public async Task<string> CloseAsync(Session session, CancellationToken cancellationToken)
    {
        var sessionId = await sessions.ResolveAsync(session.Id, session.ClientReferenceId, cancellationToken);
        return sessionId is null ? "unknown session" : await fulfilment.CloseAsync(sessionId, cancellationToken) > 0 ? "closed" : "unchanged";
    }

    private static (string? Email, string? Name) Buyer(Session session)
    {
        var name = session.CustomerDetails?.Name;
        return (session.CustomerDetails?.Email ?? session.CustomerEmail, string.IsNullOrWhiteSpace(name) ? null : name.Trim());
    }
}
