using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>What happens to a charge after the sale: refunds (partial or whole); disputes are in EmulatorLedger.Disputes.cs.</summary>
internal sealed partial class EmulatorLedger
{
    public (ApiResponse, EmulatedEvent?) Refund(FormParameters form, string requestId, string? idempotencyKey)
    {
        var root = form.Root;
        var unknown = root.Select(p => p.Key).FirstOrDefault(k => k is not ("payment_intent" or "charge" or "amount" or "reason" or "metadata" or "expand"));
        if (unknown is not null)
        {
            return (StripeErrors.Unknown(unknown), null);
        }

        lock (state.Gate)
        {
            var found = FindPayment(root, out var payment);
            if (found is not null)
            {
                return (found, null);
            }

            var remaining = payment!.Amount - payment.AmountRefunded;
            if (remaining <= 0)
            {
                return (StripeErrors.Refused($"Charge {payment.ChargeId} has already been refunded.", "charge_already_refunded"), null);
            }

            var amount = remaining;
            if (SessionRequest.Text(root, "amount") is { } amountText)
            {
                if (!long.TryParse(amountText, out amount) || amount < 1)
                {
                    return (StripeErrors.InvalidInteger("amount", amountText), null);
                }

                if (amount > remaining)
                {
                    return (StripeErrors.Invalid("amount",
                        $"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining})", "amount_too_large"), null);
                }
            }

            var reason = SessionRequest.Text(root, "reason");
            if (reason is not (null or "duplicate" or "fraudulent" or "requested_by_customer"))
            {
                return (StripeErrors.Invalid("reason", "Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer", "parameter_invalid_string"), null);
            }

            var refund = payment.AddRefund(amount, reason, (root["metadata"]?.DeepClone() as JsonObject) ?? []);
            var charge = payment.ChargeJson();
            return (ApiResponse.Ok(refund.DeepClone()), EmulatedEvent.Create("charge.refunded", charge, options.ApiVersion, requestId, idempotencyKey));
        }
    }

    private ApiResponse? FindPayment(JsonObject root, out EmulatedPayment? payment)
    {
        payment = null;
        if (SessionRequest.Text(root, "payment_intent") is { } intent)
        {
            return state.PaymentsByIntent.TryGetValue(intent, out payment) ? null : StripeErrors.NoSuch("payment_intent", intent, "payment_intent");
        }

        if (SessionRequest.Text(root, "charge") is { } charge)
        {
            return state.PaymentsByCharge.TryGetValue(charge, out payment) ? null : StripeErrors.NoSuch("charge", charge, "charge");
        }

        return StripeErrors.Invalid("payment_intent", "One of the following params should be provided for this request: payment_intent or charge.", "parameter_missing");
    }
}
