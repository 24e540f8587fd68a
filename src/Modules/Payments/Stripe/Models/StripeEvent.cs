using System.Text.Json;

namespace Storefront.Payments.Stripe.Models;

/// <summary>
/// A Stripe event as delivered to a webhook. <c>data.object</c> stays raw JSON: its shape depends on the
/// event type, and reading it as the right model is the caller's explicit step (Read… below).
/// Parse only a body whose signature <see cref="StripeWebhookSignature"/> has accepted.
/// </summary>
public sealed record StripeEvent
{
    public string Id { get; init; } = "";

    public string Object { get; init; } = "";

    public string Type { get; init; } = "";

    /// <summary>Unix seconds.</summary>
    public long Created { get; init; }

    public string? ApiVersion { get; init; }

    public bool Livemode { get; init; }

    public int PendingWebhooks { get; init; }

    public StripeEventData Data { get; init; } = new();

    public StripeEventRequest? Request { get; init; }

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeSeconds(Created);

    /// <summary>The <c>object</c> field of <c>data.object</c>: <c>checkout.session</c>, <c>charge</c>, <c>dispute</c>…</summary>
    public string? DataObjectType =>
        Data.Object.ValueKind == JsonValueKind.Object && Data.Object.TryGetProperty("object", out var kind) ? kind.GetString() : null;

    public static StripeEvent Parse(ReadOnlySpan<byte> json)
    {
        var parsed = JsonSerializer.Deserialize<StripeEvent>(json, StripeJson.Options)
            ?? throw new JsonException("A Stripe event body was JSON null.");
        return parsed.Object == "event" && parsed.Id.Length > 0
            ? parsed
            : throw new JsonException("The body is not a Stripe event (no \"object\": \"event\" with an id).");
    }

    public CheckoutSession ReadCheckoutSession() => ReadObject<CheckoutSession>("checkout.session");

    public StripeCharge ReadCharge() => ReadObject<StripeCharge>("charge");

    public StripeDispute ReadDispute() => ReadObject<StripeDispute>("dispute");

    private T ReadObject<T>(string expected)
    {
        if (DataObjectType != expected)
        {
            throw new InvalidOperationException($"Event {Id} ({Type}) carries a '{DataObjectType}', not a '{expected}'.");
        }

        return Data.Object.Deserialize<T>(StripeJson.Options)!;
    }
}

public sealed record StripeEventData
{
    public JsonElement Object { get; init; }

    public JsonElement? PreviousAttributes { get; init; }
}

/// <summary>The API request that caused the event; both null for events caused by the buyer or the bank.</summary>
public sealed record StripeEventRequest
{
    public string? Id { get; init; }

    public string? IdempotencyKey { get; init; }
}
