using Microsoft.Extensions.Logging;
using Storefront.Payments.Checkout;
using Storefront.Payments.Orders;
using Storefront.Payments.Refunds;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Payments.Webhooks;

/// <summary>
/// Acts on a verified Stripe event. Every action is idempotent on its own (fulfilment is once per
/// session, closing and revoking only move states forward, each dispute opens and closes once, each refund is recorded once), so an
/// event processed again (a lapsed claim taken over, or someone asking in the admin) changes nothing. The <see cref="WebhookInbox"/>
/// decides who processes an event and when.
/// </summary>
public sealed class StripeEventProcessor(
    CheckoutSettlement settlement, OrderRefunds refunds, OrderDisputes disputes, PaymentsMetrics metrics, ILogger<StripeEventProcessor> logger)
{
    public async Task<string?> ProcessAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        var (id, type) = (stripeEvent.Id, stripeEvent.Type);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(type) || stripeEvent.Data is null)
        {
            return null;
        }

        var item = stripeEvent.Data.Object;
        var outcome = (type, item) switch
        {
            ("checkout.session.completed", Session session) => CheckoutSettlement.IsPaid(session)
                ? metrics.Fulfilled(await settlement.FulfilAsync(session, cancellationToken), "webhook")
                : await settlement.AwaitPaymentAsync(session, cancellationToken),
            ("checkout.session.async_payment_succeeded", Session session) => metrics.Fulfilled(await settlement.FulfilAsync(session, cancellationToken), "webhook"),
            ("checkout.session.async_payment_failed" or "checkout.session.expired", Session session) =>
                await settlement.CloseAsync(session, cancellationToken),
            ("checkout.session.completed" or "checkout.session.async_payment_succeeded" or "checkout.session.async_payment_failed"
                or "checkout.session.expired", _) => "unknown session",
            ("charge.refunded", var charge) => await RefundedAsync(charge as Charge, cancellationToken),
            ("refund.created" or "refund.updated" or "refund.failed", Refund refund) => await refunds.RecordAsync(refund, cancellationToken),
            ("refund.created" or "refund.updated" or "refund.failed", _) => "not a refund",
            ("charge.dispute.created", Dispute dispute) => await disputes.OpenAsync(dispute, cancellationToken),
            ("charge.dispute.closed", Dispute dispute) => await disputes.CloseAsync(dispute, cancellationToken),
            ("charge.dispute.funds_withdrawn", Dispute dispute) => await disputes.FundsAsync(dispute, reinstated: false, cancellationToken),
            ("charge.dispute.funds_reinstated", Dispute dispute) => await disputes.FundsAsync(dispute, reinstated: true, cancellationToken),
            ("charge.dispute.created" or "charge.dispute.closed" or "charge.dispute.funds_withdrawn" or "charge.dispute.funds_reinstated", _) => "not a dispute",
            _ => "ignored",
        };
        logger.LogInformation("Stripe event {EventId} ({Type}): {Outcome}", id, type, outcome);
        return outcome;
    }

    /// <summary>
    /// Records the refunds the charge lists (Stripe lists them only when asked to expand them; <c>refund.created</c> brings
    /// each one anyway), then, once Stripe says the charge is refunded in full, takes the purchase back.
    /// </summary>
    private async Task<string> RefundedAsync(Charge? charge, CancellationToken cancellationToken)
    {
        if (charge is not { PaymentIntentId.Length: > 0 })
        {
            return "no payment intent";
        }

        var outcomes = new List<string>();
        foreach (var refund in charge.Refunds?.Data ?? [])
        {
            // The refunds listed on a charge are that charge's, whatever the nested copy says.
            refund.PaymentIntentId = charge.PaymentIntentId;
            outcomes.Add(await refunds.RecordAsync(refund, cancellationToken));
        }

        // A partial refund (a goodwill discount) leaves the purchase in place unless the admin asked otherwise; a full one takes it back.
        outcomes.Add(charge.Refunded ? await refunds.FullyRefundedAsync(charge.PaymentIntentId, cancellationToken) : "partial refund");
        return string.Join("; ", outcomes);
    }
}
