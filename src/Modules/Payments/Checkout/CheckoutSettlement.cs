using Microsoft.Extensions.Logging;
using Storefront.Payments.Orders;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Payments.Checkout;

/// <summary>
/// The one reading of a Stripe Checkout Session, whether it arrived in a signed event or was asked for by the
/// success page: which order it names, whether it is paid, who paid, and what that means for the order.
/// </summary>
public sealed class CheckoutSettlement(CheckoutSessions sessions, Fulfilment fulfilment, SessionService stripe, SessionLineItemService lineItems,
    ILogger<CheckoutSettlement> logger)
{
    /// <summary><c>no_payment_required</c> counts: a free product completes without a charge.</summary>
    public static bool IsPaid(Session session) => session.PaymentStatus is "paid" or "no_payment_required";

    /// <summary>
    /// Resolves the order, checks what Stripe charged against what the order asked for, and fulfils once, however often it is
    /// called. Only a first fulfilment asks Stripe (once, for all it lacks): a replayed event changes nothing and costs no call.
    /// </summary>
    public async Task<string> FulfilAsync(Session session, CancellationToken cancellationToken)
    {
        var sessionId = await sessions.ResolveAsync(session.Id, session.ClientReferenceId, cancellationToken);
        if (sessionId is null)
        {
            return "unknown session";
        }

        if (await sessions.UnfulfilledAsync(sessionId, cancellationToken) is not { } unfulfilled)
        {
            return "already fulfilled";
        }

        var (email, name) = Buyer(session);
        var needsEmail = email is null && unfulfilled.Order.BuyerEmail is null;
        var asked = await AskAsync(sessionId, needsEmail, session.PaymentIntentId is not null, cancellationToken);
        var items = asked is null ? null : await LineItemsAsync(asked, cancellationToken);
        if (ChargeCheck.Mismatch(unfulfilled.Order, unfulfilled.Lines, session, items) is { } mismatch)
        {
            await sessions.FlagAsync(sessionId, mismatch, cancellationToken);
            return "amount mismatch";
        }

        if (needsEmail && asked is not null)
        {
            email = Buyer(asked).Email ?? NonEmpty(asked.Customer?.Email);
        }

        var details = PaidSessionDetails.From(session, asked?.PaymentIntent?.LatestCharge, items);
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
    /// The session again, with what the event leaves out: its line items (what Stripe charged for each line, checked against
    /// the order's lines). A session can be paid without <c>customer_details.email</c> (an existing Customer, an integration
    /// that did not collect it); the Customer may still have one. Its payment intent's latest charge says how the buyer paid,
    /// for the invoice. Failing that the order is checked on its totals alone and still fulfilled (without an email it is
    /// flagged in the admin, without a method the invoice names none): the buyer paid and keeps the success page's links,
    /// and Stripe gets its 2xx rather than retrying for days.
    /// </summary>
    private async Task<Session?> AskAsync(string sessionId, bool customer, bool charge, CancellationToken cancellationToken)
    {
        List<string> expand = ["line_items", .. customer ? ["customer"] : Array.Empty<string>(), .. charge ? ["payment_intent.latest_charge"] : Array.Empty<string>()];
        try
        {
            return await stripe.GetAsync(sessionId, new SessionGetOptions { Expand = expand }, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(ex, "Checkout session {SessionId}: could not ask Stripe for its line items{Missing}", sessionId,
                customer ? ", the buyer's email and payment method" : charge ? " and payment method" : "");
            return null;
        }
    }

    /// <summary>An expanded session carries its first ten line items; a larger cart's are paged for the rest.</summary>
    private async Task<IReadOnlyList<LineItem>?> LineItemsAsync(Session session, CancellationToken cancellationToken)
    {
        if (session.LineItems is not { } first)
        {
            return null;
        }

        if (!first.HasMore)
        {
            return first.Data;
        }

        try
        {
            var all = new List<LineItem>();
            await foreach (var item in lineItems.ListAutoPagingAsync(session.Id, new SessionLineItemListOptions { Limit = 100 },
                cancellationToken: cancellationToken))
            {
                all.Add(item);
            }

            return all;
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(ex, "Checkout session {SessionId}: could not page its line items; checking its totals only", session.Id);
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
