namespace Storefront.Payments.Disputes;

/// <summary>One of Stripe's text evidence fields, with Stripe's name, its length limit and what the shop puts in it.</summary>
public sealed record EvidenceField(string Name, string Label, int MaxLength, string Hint);

/// <summary>The evidence fields the shop can fill from its own records, in the order a reviewer reads them.</summary>
public static class EvidenceFields
{
    /// <summary>Stripe's limit on all evidence text together.</summary>
    public const int CombinedLimit = 150_000;

    public const string CustomerName = "customer_name";
    public const string CustomerEmailAddress = "customer_email_address";
    public const string CustomerPurchaseIp = "customer_purchase_ip";
    public const string ProductDescription = "product_description";
    public const string ServiceDate = "service_date";
    public const string AccessActivityLog = "access_activity_log";
    public const string UncategorizedText = "uncategorized_text";
    public const string RefundPolicyDisclosure = "refund_policy_disclosure";

    public static readonly IReadOnlyList<EvidenceField> All =
    [
        new(CustomerName, "Customer name", 5_000, "The name the buyer gave at checkout."),
        new(CustomerEmailAddress, "Customer email address", 5_000, "Where the receipt and download links were sent."),
        new(CustomerPurchaseIp, "Customer purchase IP address", 5_000, "The shop does not record the address a purchase came from; fill it in only if known."),
        new(ProductDescription, "Product description", 20_000, "What was sold, from the product's description."),
        new(ServiceDate, "Service date", 5_000, "When the product was made available (the payment date)."),
        new(AccessActivityLog, "Access activity log", 20_000, "Every download attempt: time, address, browser and outcome."),
        new(UncategorizedText, "Receipt and licence", 20_000, "The order as the receipt told it, and the licence code stamped into the buyer's copies."),
        new(RefundPolicyDisclosure, "Refund policy", 20_000, "The refund policy page as published in the shop."),
    ];

    /// <summary>Each field over its limit, and the total over Stripe's combined limit, as messages naming the field.</summary>
    public static IReadOnlyList<(string Field, string Message)> Problems(IReadOnlyDictionary<string, string> values)
    {
        var problems = new List<(string, string)>();
        foreach (var field in All)
        {
            if (values.TryGetValue(field.Name, out var value) && value.Length > field.MaxLength)
            {
                problems.Add((field.Name, $"{field.Label} is {value.Length:N0} characters long; Stripe accepts at most {field.MaxLength:N0}."));
            }
        }

        var total = values.Values.Sum(v => v.Length);
        if (total > CombinedLimit)
        {
            problems.Add(("", $"All the evidence together is {total:N0} characters long; Stripe accepts at most {CombinedLimit:N0}."));
        }

        return problems;
    }
}
