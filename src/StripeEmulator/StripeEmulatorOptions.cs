namespace Storefront.StripeEmulator;

public sealed class StripeEmulatorOptions
{
    /// <summary>The API version the official Node SDK stripe@23.1.0 pins; echoed when a request names none.</summary>
    public const string DefaultApiVersion = "2026-10-28.endive";

    /// <summary>Secret keys accepted as <c>Authorization: Bearer …</c> (or basic auth user). Idempotency keys are scoped per key.</summary>
    public IList<string> ApiKeys { get; set; } = ["sk_test_emulator"];

    /// <summary>Where events are POSTed, signed; null records events without delivering them.</summary>
    public string? WebhookUrl { get; set; }

    public string WebhookSecret { get; set; } = "whsec_emulator_secret";

    /// <summary>
    /// The base of the hosted page URLs put into sessions' <c>url</c> (e.g. <c>https://shop.example/stripe-emulator</c>).
    /// When null, it is taken from the request that created the session, including the mount prefix.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>The name shown on the hosted checkout page, as Stripe shows the account's business name.</summary>
    public string DisplayName { get; set; } = "Storefront";

    /// <summary>Attempts per delivery; Stripe retries for days, a test wants a bounded answer.</summary>
    public int WebhookMaxAttempts { get; set; } = 4;

    /// <summary>The first pause between attempts; doubled after each failure.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock sessions expire by; a test moves it past <c>expires_at</c> instead of waiting a day.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}
