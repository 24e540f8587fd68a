namespace Storefront.Payments.Orders;

public enum OrderStatus
{
    /// <summary>Created when the buyer clicked Buy; a Checkout Session may or may not exist yet.</summary>
    Pending,

    /// <summary>Checkout completed with a delayed payment method that has not settled.</summary>
    AwaitingPayment,

    /// <summary>Paid and fulfilled: entitlements exist.</summary>
    Paid,

    /// <summary>Checkout expired or the delayed payment failed; nothing was granted.</summary>
    Closed,

    Refunded,

    Disputed,
}

/// <summary>One purchase of one product through one Stripe Checkout Session.</summary>
public sealed class Order
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The human order number printed on receipts and stamps.</summary>
    public long Number { get; set; }

    public OrderStatus Status { get; set; } = OrderStatus.Pending;

    public Guid ProductId { get; set; }

    public required string ProductTitle { get; set; }

    /// <summary>The price charged, from our database at checkout time, never from the buyer's form.</summary>
    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    public string? CheckoutSessionId { get; set; }

    public string? PaymentIntentId { get; set; }

    public string? BuyerEmail { get; set; }

    public string? BuyerName { get; set; }

    /// <summary>The billing address Checkout collected, one line per line, as the buyer typed it; null when none was asked for.</summary>
    public string? BuyerAddress { get; set; }

    /// <summary>Tax ids the buyer gave at Checkout, one per line as "type value" (e.g. "eu_vat DE123456789").</summary>
    public string? BuyerTaxIds { get; set; }

    /// <summary>What Stripe reports charging, which may differ from <see cref="AmountMinor"/> by a discount or tax it added.</summary>
    public long? AmountSubtotal { get; set; }

    public long? AmountDiscount { get; set; }

    public long? AmountTax { get; set; }

    public long? AmountTotal { get; set; }

    /// <summary>How the buyer paid, as a person reads it ("Visa •••• 4242", "SEPA Direct Debit •••• 3000").</summary>
    public string? PaymentMethod { get; set; }

    /// <summary>The promotion code the buyer started checkout with (normalised), counted as a redemption once the order is paid.</summary>
    public string? PromotionCode { get; set; }

    public required DateTime CreatedAt { get; set; }

    public DateTime? FulfilledAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public DateTime? RefundedAt { get; set; }

    /// <summary>
    /// Why support should look at this order, if they should: a paid order without an email got no receipt and
    /// cannot be found by the buyer's address. Derived, not stored, so it clears itself once an email is recorded.
    /// </summary>
    public string? NeedsAttention => FulfilledAt is not null && BuyerEmail is null ? "no email" : null;
}

/// <summary>A Stripe event id, recorded once: a replayed delivery finds it and changes nothing.</summary>
public sealed class ProcessedStripeEvent
{
    public required string Id { get; set; }

    public required string Type { get; set; }

    public required DateTime ReceivedAt { get; set; }
}
