using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>The payment intent and its (single) charge behind a paid session, with its refunds.</summary>
internal sealed class EmulatedPayment
{
    public required string PaymentIntentId { get; init; }

    public required string ChargeId { get; init; }

    public required string SessionId { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required long Created { get; init; }

    public required JsonObject Metadata { get; init; }

    public string? BillingEmail { get; init; }

    public string? BillingName { get; init; }

    public JsonObject? BillingAddress { get; init; }

    public string PaymentMethodId { get; } = StripeIds.New("pm");

    public string PaymentMethodType { get; init; } = "card";

    public List<JsonObject> Refunds { get; } = [];

    public bool Disputed { get; set; }

    /// <summary>Failed and canceled refunds give the money back to the balance: they no longer count as refunded.</summary>
    public long AmountRefunded => Refunds.Where(r => (string?)r["status"] is not ("failed" or "canceled")).Sum(r => (long)r["amount"]!);

    public JsonObject ChargeJson() => new()
    {
        ["id"] = ChargeId,
        ["object"] = "charge",
        ["amount"] = Amount,
        ["amount_captured"] = Amount,
        ["amount_refunded"] = AmountRefunded,
        ["balance_transaction"] = null,
        ["billing_details"] = new JsonObject { ["address"] = BillingAddress?.DeepClone(), ["email"] = BillingEmail, ["name"] = BillingName, ["phone"] = null },
        ["captured"] = true,
        ["created"] = Created,
        ["currency"] = Currency,
        ["customer"] = null,
        ["description"] = null,
        ["disputed"] = Disputed,
        ["livemode"] = false,
        ["metadata"] = Metadata.DeepClone(),
        ["outcome"] = new JsonObject { ["network_status"] = "approved_by_network", ["seller_message"] = "Payment complete.", ["type"] = "authorized" },
        ["paid"] = true,
        ["payment_intent"] = PaymentIntentId,
        ["payment_method"] = PaymentMethodId,
        ["payment_method_details"] = PaymentMethodDetails.For(PaymentMethodType, Created),
        ["refunded"] = AmountRefunded >= Amount,
        ["refunds"] = new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(Refunds.Select(r => (JsonNode?)r.DeepClone()).Reverse().ToArray()),
            ["has_more"] = false,
            ["total_count"] = Refunds.Count,
            ["url"] = $"/v1/charges/{ChargeId}/refunds",
        },
        ["status"] = "succeeded",
    };

    /// <summary>The <c>payment_intent</c> of a paid session, for <c>expand[]=payment_intent</c>.</summary>
    public JsonObject PaymentIntentJson()
    {
        var intent = ProcessingIntentJson(PaymentIntentId, Amount, Currency, Metadata);
        intent["amount_received"] = Amount;
        intent["latest_charge"] = ChargeId;
        intent["status"] = "succeeded";
        return intent;
    }

    /// <summary>A bank debit's intent before the bank answers: nothing received, no charge yet.</summary>
    public static JsonObject ProcessingIntentJson(string id, long amount, string currency, JsonObject metadata) => new()
    {
        ["id"] = id,
        ["object"] = "payment_intent",
        ["amount"] = amount,
        ["amount_received"] = 0,
        ["created"] = StripeIds.Now(),
        ["currency"] = currency,
        ["latest_charge"] = null,
        ["livemode"] = false,
        ["metadata"] = metadata.DeepClone(),
        ["status"] = "processing",
    };

    public JsonObject AddRefund(long amount, string? reason, JsonObject metadata)
    {
        var refund = new JsonObject
        {
            ["id"] = StripeIds.New("re"),
            ["object"] = "refund",
            ["amount"] = amount,
            ["balance_transaction"] = null,
            ["charge"] = ChargeId,
            ["created"] = StripeIds.Now(),
            ["currency"] = Currency,
            ["destination_details"] = null,
            ["metadata"] = metadata,
            ["payment_intent"] = PaymentIntentId,
            ["reason"] = reason,
            ["receipt_number"] = null,
            ["source_transfer_reversal"] = null,
            ["status"] = "succeeded",
            ["transfer_reversal"] = null,
        };
        Refunds.Add(refund);
        return refund;
    }
}
