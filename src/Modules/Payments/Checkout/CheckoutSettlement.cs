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

        if (!await sessions.AmountMatchesAsync(sessionId, PriceCharged(session), session.Currency, cancellationToken))
        {
            return "amount mismatch";
        }

        var (email, name) = Buyer(session);
        var needsEmail = email is null && await sessions.LacksBuyerEmailAsync(sessionId, cancellationToken);
        // Only a first fulfilment asks Stripe (once, for all it lacks): a replayed event changes nothing and costs no call.
        var asked = await sessions.IsUnfulfilledAsync(sessionId, cancellationToken)
            ? await AskAsync(sessionId, needsEmail, session.PaymentIntentId is not null, cancellationToken)
            : null;
        if (needsEmail && asked is not null)
        {
            email = Buyer(asked).Email ?? NonEmpty(asked.Customer?.Email);
        }

        var details = PaidSessionDetails.From(session, asked?.PaymentIntent?.LatestCharge);
        var fulfilled = await fulfilment.FulfilAsync(new PaidSession(sessionId, session.PaymentIntentId, email, name, details), cancellationToken);
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
    /// The session again, with what the event leaves out. A session can be paid without <c>customer_details.email</c> (an
    /// existing Customer, an integration that did not collect it); the Customer may still have one. Its payment intent's
    /// latest charge says how the buyer paid, for the invoice. Failing that the order is still fulfilled (without an
    /// email it is flagged in the admin, without a method the invoice names none): the buyer paid and keeps the success
    /// page's links, and Stripe gets its 2xx rather than retrying for days.
    /// </summary>
    private async Task<Session?> AskAsync(string sessionId, bool customer, bool charge, CancellationToken cancellationToken)
    {
        List<string> expand = [.. customer ? ["customer"] : Array.Empty<string>(), .. charge ? ["payment_intent.latest_charge"] : Array.Empty<string>()];
        if (expand.Count == 0)
        {
            return null;
        }

        try
        {
            return await stripe.GetAsync(sessionId, new SessionGetOptions { Expand = expand }, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(ex, "Checkout session {SessionId}: could not ask Stripe for the buyer's {Missing}", sessionId,
                customer ? "email and payment method" : "payment method");
            return null;
        }
    }

    /// <summary>
    /// Our price as Stripe charged it: the total, or — when Stripe applied a discount or tax of its own and the total adds
    /// up — the subtotal before them.
    /// </summary>
    private static long? PriceCharged(Session session) =>
        session is { AmountSubtotal: { } subtotal, AmountTotal: { } total, TotalDetails: { } adjustments }
        // Tax-inclusive prices already hold the tax Stripe reports, so such a total does not add it again.
        && (total == subtotal - adjustments.AmountDiscount + adjustments.AmountTax + adjustments.AmountShipping
            || total == subtotal - adjustments.AmountDiscount + adjustments.AmountShipping)
            ? subtotal
            : session.AmountTotal;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static (string? Email, string? Name) Buyer(Session session)
    {
        var name = session.CustomerDetails?.Name;
        return (NonEmpty(session.CustomerDetails?.Email) ?? NonEmpty(session.CustomerEmail), NonEmpty(name));
    }
}
