using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>What happens to a charge after the sale: refunds (partial or whole); disputes are in EmulatorLedger.Disputes.cs.</summary>
internal sealed partial class EmulatorLedger
{
    /// <summary>
    /// <c>POST /v1/refunds</c>: whole or partial, refused in Stripe's words once nothing or less is left. A refund sends
    /// <c>refund.created</c> and <c>charge.refunded</c> (the charge with its new <c>amount_refunded</c>), as Stripe does.
    /// </summary>
    public (ApiResponse, IReadOnlyList<EmulatedEvent>) Refund(FormParameters form, string requestId, string? idempotencyKey)
    {
        var root = form.Root;
        var unknown = root.Select(p => p.Key).FirstOrDefault(k => k is not ("payment_intent" or "charge" or "amount" or "reason" or "metadata" or "expand"));
        if (unknown is not null)
        {
            return (StripeErrors.Unknown(unknown), []);
        }

        lock (state.Gate)
        {
            var found = FindPayment(root, out var payment);
            if (found is not null)
            {
                return (found, []);
            }

            var remaining = payment!.Amount - payment.AmountRefunded;
            if (remaining <= 0)
            {
                return (StripeErrors.Refused($"Charge {payment.ChargeId} has already been refunded.", "charge_already_refunded"), []);
            }

            var amount = remaining;
            if (SessionRequest.Text(root, "amount") is { } amountText)
            {
                if (!long.TryParse(amountText, out amount) || amount < 1)
                {
                    return (StripeErrors.InvalidInteger("amount", amountText), []);
                }

                if (amount > remaining)
                {
                    return (StripeErrors.Invalid("amount",
                        $"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining})", "amount_too_large"), []);
                }
            }

            var reason = SessionRequest.Text(root, "reason");
            if (reason is not (null or "duplicate" or "fraudulent" or "requested_by_customer"))
            {
                return (StripeErrors.Invalid("reason", "Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer", "parameter_invalid_string"), []);
            }

            var refund = payment.AddRefund(amount, reason, (root["metadata"]?.DeepClone() as JsonObject) ?? []);
            state.Refunds[(string)refund["id"]!] = payment;
            return (ApiResponse.Ok(refund.DeepClone()),
            [
                EmulatedEvent.Create("refund.created", refund, options.ApiVersion, requestId, idempotencyKey),
                EmulatedEvent.Create("charge.refunded", payment.ChargeJson(), options.ApiVersion, requestId, idempotencyKey),
            ]);
        }
    }

    /// <summary><c>GET /v1/refunds/{id}</c>.</summary>
    public ApiResponse GetRefund(string id)
    {
        lock (state.Gate)
        {
            return state.Refunds.TryGetValue(id, out var payment)
                ? ApiResponse.Ok(payment.Refunds.Single(r => (string)r["id"]! == id).DeepClone())
                : StripeErrors.NoSuch("refund", id, "id");
        }
    }

    /// <summary>
    /// A refund the card network sends back (<c>failed</c>) or that is canceled: it stops counting against the charge, and
    /// <c>refund.updated</c> (plus <c>refund.failed</c> for a failure) is sent.
    /// </summary>
    public (ApiResponse, IReadOnlyList<EmulatedEvent>) EndRefund(string id, string status, string? failureReason)
    {
        lock (state.Gate)
        {
            if (!state.Refunds.TryGetValue(id, out var payment))
            {
                return (StripeErrors.NoSuch("refund", id, "id"), []);
            }

            var refund = payment.Refunds.Single(r => (string)r["id"]! == id);
            if ((string?)refund["status"] is "failed" or "canceled")
            {
                return (StripeErrors.Refused($"Refund {id} is already {(string?)refund["status"]}."), []);
            }

            refund["status"] = status;
            if (status == "failed")
            {
                refund["failure_reason"] = failureReason ?? "expired_or_canceled_card";
            }

            var updated = EmulatedEvent.Create("refund.updated", refund, options.ApiVersion);
            return (ApiResponse.Ok(refund.DeepClone()), status == "failed"
                ? [updated, EmulatedEvent.Create("refund.failed", refund, options.ApiVersion)]
                : [updated]);
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
