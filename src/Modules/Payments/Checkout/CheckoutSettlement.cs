using Microsoft.Extensions.Logging;
using Storefront.Payments.Orders;
using Stripe.Checkout;
using StripeException = Stripe.StripeException;

namespace Storefront.Payments.Checkout;

/// <summary>
/// The one reading of a Stripe Checkout Session, whether it arrived in a signed event or was asked for by the
/// success page: which order it names, whether it is paid, who paid, and what that means for the order.
/// </summary>
public sealed class CheckoutSettlement(CheckoutSessions sessions, Fulfilment fulfilment, SessionService stripe, ILogger<CheckoutSettlement> logger)
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
        if (email is null && await sessions.LacksBuyerEmailAsync(sessionId, cancellationToken))
        {
            email = await CustomerEmailAsync(sessionId, cancellationToken);
        }

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

    /// <summary>
    /// A session can be paid without <c>customer_details.email</c> (an existing Customer, an integration that did not
    /// collect it); the Customer may still have one. Failing that the order is fulfilled without one and flagged in the
    /// admin: the buyer paid and keeps the success page's links, and Stripe gets its 2xx rather than retrying for days.
    /// </summary>
    private async Task<string?> CustomerEmailAsync(string sessionId, CancellationToken cancellationToken)
    {
        try
        {
            var full = await stripe.GetAsync(sessionId, new SessionGetOptions { Expand = ["customer"] }, cancellationToken: cancellationToken);
            var (email, _) = Buyer(full);
            return email ?? NonEmpty(full.Customer?.Email);
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(ex, "Checkout session {SessionId}: could not ask Stripe for the buyer's email", sessionId);
            return null;
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static (string? Email, string? Name) Buyer(Session session)
    {
        var name = session.CustomerDetails?.Name;
        return (NonEmpty(session.CustomerDetails?.Email) ?? NonEmpty(session.CustomerEmail), NonEmpty(name));
    }
}
