namespace Storefront.Payments.Stripe.Models;

/// <summary>One line of a Checkout Session priced inline (<c>price_data</c>): the price comes from our catalogue, not from Stripe.</summary>
public sealed record CheckoutLineItem(string Name, long UnitAmount, string Currency, long Quantity = 1)
{
    public string? Description { get; init; }
}

/// <summary>The parameters of <c>POST /v1/checkout/sessions</c> this shop uses.</summary>
public sealed record CheckoutSessionCreateOptions
{
    public string Mode { get; init; } = "payment";

    /// <summary>May contain <c>{CHECKOUT_SESSION_ID}</c>, which Stripe replaces on redirect.</summary>
    public required string SuccessUrl { get; init; }

    public string? CancelUrl { get; init; }

    public required IReadOnlyList<CheckoutLineItem> LineItems { get; init; }

    /// <summary>Our order id, so the webhook can find the order without trusting the browser.</summary>
    public string? ClientReferenceId { get; init; }

    public string? CustomerEmail { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Copied onto the payment intent, so refunds and disputes (which name only the payment intent) carry it too.</summary>
    public IReadOnlyDictionary<string, string>? PaymentIntentMetadata { get; init; }

    public IReadOnlyList<string>? PaymentMethodTypes { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public IEnumerable<KeyValuePair<string, object?>> ToParameters()
    {
        yield return new("mode", Mode);
        yield return new("success_url", SuccessUrl);
        yield return new("cancel_url", CancelUrl);
        yield return new("client_reference_id", ClientReferenceId);
        yield return new("customer_email", CustomerEmail);
        yield return new("expires_at", ExpiresAt);
        yield return new("line_items", LineItems.Select(LineItemParameters).ToList());
        yield return new("metadata", Metadata);
        yield return new("payment_method_types", PaymentMethodTypes);
        if (PaymentIntentMetadata is not null)
        {
            yield return new("payment_intent_data", new Dictionary<string, object?> { ["metadata"] = PaymentIntentMetadata });
        }
    }

    private static Dictionary<string, object?> LineItemParameters(CheckoutLineItem line) => new()
    {
        ["price_data"] = new Dictionary<string, object?>
        {
            ["currency"] = line.Currency,
            ["unit_amount"] = line.UnitAmount,
            ["product_data"] = new Dictionary<string, object?> { ["name"] = line.Name, ["description"] = line.Description },
        },
        ["quantity"] = line.Quantity,
    };
}

/// <summary>The parameters of <c>POST /v1/refunds</c>: the whole remaining amount unless <see cref="Amount"/> is given.</summary>
public sealed record RefundCreateOptions(string PaymentIntent)
{
    public long? Amount { get; init; }

    /// <summary><c>duplicate</c>, <c>fraudulent</c> or <c>requested_by_customer</c>.</summary>
    public string? Reason { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public IEnumerable<KeyValuePair<string, object?>> ToParameters()
    {
        yield return new("payment_intent", PaymentIntent);
        yield return new("amount", Amount);
        yield return new("reason", Reason);
        yield return new("metadata", Metadata);
    }
}
