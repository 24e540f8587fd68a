namespace Storefront.Payments.Promotions;

public enum DiscountKind
{
    /// <summary><see cref="PromotionCode.Value"/> is a whole percentage, 1–100.</summary>
    Percent,

    /// <summary><see cref="PromotionCode.Value"/> is an amount in the minor unit of <see cref="PromotionCode.Currency"/>.</summary>
    Amount,
}

/// <summary>
/// A code buyers type at checkout, mirrored at Stripe as a coupon and a promotion code created with idempotency keys
/// derived from <see cref="Id"/>, so a retried creation cannot make a second pair. Redemptions are counted from our
/// paid orders, not read back from Stripe.
/// </summary>
public sealed class PromotionCode
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>As the administrator typed it; unique regardless of case through <see cref="NormalizedCode"/>.</summary>
    public required string Code { get; set; }

    public required string NormalizedCode { get; set; }

    public DiscountKind Kind { get; set; }

    public long Value { get; set; }

    /// <summary>Required for an amount off; null for a percentage, which applies in any currency.</summary>
    public string? Currency { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public long? MaxRedemptions { get; set; }

    /// <summary>Our product ids the code is limited to, comma-separated; null or empty for every product.</summary>
    public string? ProductIds { get; set; }

    public bool OncePerCustomer { get; set; }

    public string? StripeCouponId { get; set; }

    public string? StripePromotionCodeId { get; set; }

    public required DateTime CreatedAt { get; set; }

    public DateTime? DeactivatedAt { get; set; }

    public IReadOnlyList<Guid> Products => string.IsNullOrEmpty(ProductIds) ? [] : ProductIds.Split(',').Select(Guid.Parse).ToList();

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();
}

/// <summary>Our product's Stripe Product, made once (idempotency key <c>product-{id}</c>) when a coupon is first limited to it.</summary>
public sealed class StripeProduct
{
    public Guid ProductId { get; set; }

    public required string StripeProductId { get; set; }

    public required DateTime CreatedAt { get; set; }
}
