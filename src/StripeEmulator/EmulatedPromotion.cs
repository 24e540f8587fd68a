using System.Globalization;
using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>A Stripe Product: what coupons limited to products (<c>applies_to[products]</c>) and line items (<c>price_data[product]</c>) name.</summary>
internal sealed class EmulatedProduct
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required long Created { get; init; }

    public JsonObject Metadata { get; init; } = [];

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "product",
        ["active"] = true,
        ["created"] = Created,
        ["default_price"] = null,
        ["description"] = Description,
        ["images"] = new JsonArray(),
        ["livemode"] = false,
        ["marketing_features"] = new JsonArray(),
        ["metadata"] = Metadata.DeepClone(),
        ["name"] = Name,
        ["package_dimensions"] = null,
        ["shippable"] = null,
        ["statement_descriptor"] = null,
        ["tax_code"] = null,
        ["type"] = "service",
        ["unit_label"] = null,
        ["updated"] = Created,
        ["url"] = null,
    };
}

/// <summary>A coupon: <c>percent_off</c> or <c>amount_off</c> in a currency, optionally limited to products, a date and a number of redemptions.</summary>
internal sealed class EmulatedCoupon
{
    public required string Id { get; init; }

    public decimal? PercentOff { get; init; }

    public long? AmountOff { get; init; }

    public string? Currency { get; init; }

    public required string Duration { get; init; }

    public string? Name { get; init; }

    public long? MaxRedemptions { get; init; }

    public long? RedeemBy { get; init; }

    /// <summary>Product ids the coupon is limited to; null when it applies to every line.</summary>
    public IReadOnlyList<string>? AppliesTo { get; init; }

    public long TimesRedeemed { get; set; }

    public required long Created { get; init; }

    public JsonObject Metadata { get; init; } = [];

    /// <summary>Stripe's <c>valid</c>: not past <c>redeem_by</c> and redemptions left.</summary>
    public bool Valid(long now) => (RedeemBy is null || now < RedeemBy) && (MaxRedemptions is null || TimesRedeemed < MaxRedemptions);

    public bool AppliesToProduct(string productId) => AppliesTo is null || AppliesTo.Contains(productId);

    // applies_to is includable only: Stripe sends it when asked for with expand[]=applies_to.
    public JsonObject ToJson(long now, bool withAppliesTo = false)
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["object"] = "coupon",
            ["amount_off"] = AmountOff,
            ["created"] = Created,
            ["currency"] = Currency,
            ["duration"] = Duration,
            ["duration_in_months"] = null,
            ["livemode"] = false,
            ["max_redemptions"] = MaxRedemptions,
            ["metadata"] = Metadata.DeepClone(),
            ["name"] = Name,
            ["percent_off"] = PercentOff is { } p ? JsonValue.Create(p) : null,
            ["redeem_by"] = RedeemBy,
            ["times_redeemed"] = TimesRedeemed,
            ["valid"] = Valid(now),
        };
        if (withAppliesTo)
        {
            json["applies_to"] = new JsonObject
            {
                ["products"] = new JsonArray((AppliesTo ?? []).Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
            };
        }

        return json;
    }
}

/// <summary>A customer-facing code for a coupon, in the <c>promotion[type]=coupon</c> shape of the API version the SDKs pin.</summary>
internal sealed class EmulatedPromotionCode
{
    public required string Id { get; init; }

    public required string Code { get; init; }

    public required string CouponId { get; init; }

    public bool Active { get; set; } = true;

    public long? MaxRedemptions { get; init; }

    public long? ExpiresAt { get; init; }

    public bool FirstTimeTransaction { get; init; }

    public long TimesRedeemed { get; set; }

    public required long Created { get; init; }

    public JsonObject Metadata { get; set; } = [];

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "promotion_code",
        ["active"] = Active,
        ["code"] = Code,
        ["created"] = Created,
        ["customer"] = null,
        ["customer_account"] = null,
        ["expires_at"] = ExpiresAt,
        ["livemode"] = false,
        ["max_redemptions"] = MaxRedemptions,
        ["metadata"] = Metadata.DeepClone(),
        ["promotion"] = new JsonObject { ["coupon"] = CouponId, ["type"] = "coupon" },
        ["restrictions"] = new JsonObject
        {
            ["currency_options"] = new JsonObject(),
            ["first_time_transaction"] = FirstTimeTransaction,
            ["minimum_amount"] = null,
            ["minimum_amount_currency"] = null,
        },
        ["times_redeemed"] = TimesRedeemed,
    };
}

/// <summary>
/// The emulator's stand-in for Stripe Tax: a fixed rate per billing country, so amounts are predictable in tests.
/// DE 19 %, FR 20 %, GB 20 %, NL 21 %, AT 20 %, IT 22 %, ES 21 %; everywhere else (the US included, whose sales tax
/// depends on the state) 0 %, reported as <c>not_collecting</c>.
/// </summary>
internal static class EmulatedTaxRates
{
    private static readonly Dictionary<string, (decimal Percent, string Name)> Rates = new()
    {
        ["DE"] = (19m, "USt."),
        ["FR"] = (20m, "TVA"),
        ["GB"] = (20m, "VAT"),
        ["NL"] = (21m, "btw"),
        ["AT"] = (20m, "USt."),
        ["IT"] = (22m, "IVA"),
        ["ES"] = (21m, "IVA"),
    };

    public static (decimal Percent, string Name) For(string? country) =>
        country is not null && Rates.TryGetValue(country.ToUpperInvariant(), out var rate) ? rate : (0m, "Sales tax");

    /// <summary>Tax on an amount after discount: exclusive adds it on top, inclusive carves it out of the amount.</summary>
    public static long Compute(long amount, decimal percent, bool inclusive) => percent == 0 ? 0
        : inclusive
            ? amount - (long)Math.Round(amount * 100m / (100m + percent), MidpointRounding.AwayFromZero)
            : (long)Math.Round(amount * percent / 100m, MidpointRounding.AwayFromZero);

    public static string Percent(decimal percent) => percent.ToString("0.####", CultureInfo.InvariantCulture);
}
