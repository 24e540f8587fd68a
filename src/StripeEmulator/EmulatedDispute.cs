using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>
/// A dispute on a charge, from the bank's chargeback to its decision: the evidence the seller stages or submits, and the
/// balance transactions that take the money (and Stripe's fee) away and, when the seller wins, give the money back.
/// </summary>
internal sealed class EmulatedDispute
{
    /// <summary>Stripe's evidence fields that take text (the others take file ids), with Stripe's length limit for each.</summary>
    public static readonly IReadOnlyDictionary<string, int> TextFields = new Dictionary<string, int>
    {
        ["access_activity_log"] = 20_000, ["billing_address"] = 5_000, ["cancellation_policy_disclosure"] = 20_000,
        ["cancellation_rebuttal"] = 20_000, ["customer_email_address"] = 5_000, ["customer_name"] = 5_000, ["customer_purchase_ip"] = 5_000,
        ["duplicate_charge_explanation"] = 20_000, ["duplicate_charge_id"] = 5_000, ["product_description"] = 20_000,
        ["refund_policy_disclosure"] = 20_000, ["refund_refusal_explanation"] = 20_000, ["service_date"] = 5_000,
        ["shipping_address"] = 5_000, ["shipping_carrier"] = 5_000, ["shipping_date"] = 5_000, ["shipping_tracking_number"] = 5_000,
        ["uncategorized_text"] = 20_000,
    };

    public static readonly IReadOnlyList<string> FileFields =
    [
        "cancellation_policy", "customer_communication", "customer_signature", "duplicate_charge_documentation", "receipt", "refund_policy",
        "service_documentation", "shipping_documentation", "uncategorized_file",
    ];

    /// <summary>Stripe's limit on all evidence text together.</summary>
    public const int CombinedLimit = 150_000;

    /// <summary>Stripe's fee for handling a dispute, taken with the disputed amount.</summary>
    public const long Fee = 1500;

    public required string Id { get; init; }

    public required EmulatedPayment Payment { get; init; }

    public required string Reason { get; init; }

    public required long Created { get; init; }

    public string Status { get; set; } = "needs_response";

    public JsonObject Evidence { get; } = Blank();

    public JsonObject Metadata { get; set; } = [];

    public int SubmissionCount { get; set; }

    public List<JsonObject> BalanceTransactions { get; } = [];

    public long DueBy => Created + 7 * 86400;

    /// <summary>Evidence can change only until it is submitted or the dispute is decided.</summary>
    public bool AcceptsEvidence => Status is "needs_response" or "warning_needs_response";

    public bool HasEvidence => Evidence.Any(f => f.Value is JsonValue);

    public JsonObject Withdraw() => AddBalanceTransaction(-Payment.Amount, Fee, $"Chargeback withdrawal for {Payment.ChargeId}", "dispute");

    public JsonObject Reinstate() => AddBalanceTransaction(Payment.Amount, 0, $"Chargeback reversal for {Payment.ChargeId}", "dispute_reversal");

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "dispute",
        ["amount"] = Payment.Amount,
        ["balance_transactions"] = new JsonArray(BalanceTransactions.Select(t => (JsonNode?)t.DeepClone()).ToArray()),
        ["charge"] = Payment.ChargeId,
        ["created"] = Created,
        ["currency"] = Payment.Currency,
        ["evidence"] = Evidence.DeepClone(),
        ["evidence_details"] = new JsonObject
        {
            ["due_by"] = DueBy, ["has_evidence"] = HasEvidence, ["past_due"] = false, ["submission_count"] = SubmissionCount,
        },
        ["is_charge_refundable"] = false,
        ["livemode"] = false,
        ["metadata"] = Metadata.DeepClone(),
        ["payment_intent"] = Payment.PaymentIntentId,
        ["reason"] = Reason,
        ["status"] = Status,
    };

    private JsonObject AddBalanceTransaction(long amount, long fee, string description, string category)
    {
        var now = StripeIds.Now();
        var transaction = new JsonObject
        {
            ["id"] = StripeIds.New("txn"),
            ["object"] = "balance_transaction",
            ["amount"] = amount,
            ["available_on"] = now,
            ["created"] = now,
            ["currency"] = Payment.Currency,
            ["description"] = description,
            ["fee"] = fee,
            ["fee_details"] = fee == 0
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["amount"] = fee, ["application"] = null, ["currency"] = Payment.Currency, ["description"] = "Dispute fee", ["type"] = "stripe_fee" }),
            ["net"] = amount - fee,
            ["reporting_category"] = category,
            ["source"] = Id,
            ["status"] = "available",
            ["type"] = "adjustment",
        };
        BalanceTransactions.Add(transaction);
        return transaction;
    }

    private static JsonObject Blank()
    {
        var evidence = new JsonObject();
        foreach (var field in TextFields.Keys.Concat(FileFields).Order(StringComparer.Ordinal))
        {
            evidence[field] = null;
        }

        return evidence;
    }
}
