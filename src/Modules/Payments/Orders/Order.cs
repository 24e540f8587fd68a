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

/// <summary>
/// One purchase through one Stripe Checkout Session: one or more <see cref="OrderLine"/>s. The product fields name the
/// first line and the amount is the lines' sum, so lists and searches read one row.
/// </summary>
public sealed class Order
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The human order number printed on receipts and stamps.</summary>
    public long Number { get; set; }

    public OrderStatus Status { get; set; } = OrderStatus.Pending;

    public Guid ProductId { get; set; }

    /// <summary>The first line's title, or "A, B and C" for several: what a list of orders shows.</summary>
    public required string ProductTitle { get; set; }

    /// <summary>What the shop asked for all lines together, from our database at checkout time, never from the buyer's form.</summary>
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

    /// <summary>What the buyer was charged: Stripe's total, or for orders paid before it was kept, what was asked.</summary>
    public long ChargedMinor => AmountTotal ?? AmountMinor;

    /// <summary>How the buyer paid, as a person reads it ("Visa •••• 4242", "SEPA Direct Debit •••• 3000").</summary>
    public string? PaymentMethod { get; set; }

    /// <summary>The promotion code the buyer started checkout with (normalised), counted as a redemption once the order is paid.</summary>
    public string? PromotionCode { get; set; }

    public required DateTime CreatedAt { get; set; }

    public DateTime? FulfilledAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public DateTime? RefundedAt { get; set; }

    /// <summary>Whether the shop applied a discount (a promotion code) to the Checkout Session, so a discount on the charge is expected.</summary>
    public bool DiscountExpected => PromotionCode is not null;

    /// <summary>Whether the Checkout Session asked Stripe Tax to compute tax, so a tax on the charge is expected.</summary>
    public bool AutomaticTax { get; set; }

    /// <summary>
    /// Set when Stripe reported a paid session whose amounts differ from what the shop asked for: the order is not fulfilled
    /// by itself, and the admin shows why until someone settles it.
    /// </summary>
    public string? Attention { get; set; }

    /// <summary>
    /// Why support should look at this order, if they should: amounts that did not match, or a paid order without an email
    /// (it got no receipt and cannot be found by the buyer's address — derived, so it clears itself once an email is
    /// recorded).
    /// </summary>
    public string? NeedsAttention => Attention ?? (FulfilledAt is not null && BuyerEmail is null ? "no email" : null);
}
