namespace Storefront.Payments.Stripe;

/// <summary><c>Stripe__*</c>. Keys and webhook secrets come from the environment or the admin (stored encrypted), never from files.</summary>
public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    /// <summary>
    /// The API version stripe@23.1.0, the official Node SDK our fidelity tests run against, pins in its
    /// <c>cjs/apiVersion.js</c>. Sending it on every request means a change of the account's default
    /// version cannot change the wire format under us, and what the tests prove is what we ask for.
    /// </summary>
    public const string PinnedApiVersion = "2026-10-28.endive";

    public string SecretKey { get; set; } = "";

    /// <summary>The endpoint's current signing secret (<c>whsec_…</c>).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>
    /// The secret being rotated out. Stripe signs with both secrets for up to 24 hours after a roll,
    /// so events signed with either are accepted while this is set; clear it once the roll is done.
    /// A single named key (rather than a list) keeps it one environment variable that is easy to clear.
    /// </summary>
    public string? PreviousWebhookSecret { get; set; }

    /// <summary>Stripe's own API by default; a proxy or the local emulator in tests and the offline demo.</summary>
    public string ApiBase { get; set; } = "https://api.stripe.com";

    public string ApiVersion { get; set; } = PinnedApiVersion;

    /// <summary>Retries after the first attempt, on network errors, timeouts, 429 and 5xx only: a 4xx is an answer, not an accident.</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Per attempt; Stripe's own SDKs wait 80 s, a buyer waiting on a redirect should not.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How old a signed webhook may be; Stripe's libraries use 300 s against replayed deliveries.</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>Every secret a webhook signature may match: the current one first, then the previous one.</summary>
    public IReadOnlyList<string> WebhookSecrets =>
        new[] { WebhookSecret, PreviousWebhookSecret }
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Select(s => s!.Trim())
            .ToArray();
}
