using System.Text.Json;

namespace Storefront.Payments.Stripe;

/// <summary>Stripe's wire format: snake_case names, unknown fields ignored (Stripe adds fields without a version bump).</summary>
public static class StripeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
