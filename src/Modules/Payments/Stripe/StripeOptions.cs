namespace Storefront.Payments.Stripe;

/// <summary><c>Stripe__*</c>. Keys and webhook secrets come from the environment or the admin (stored encrypted), never from files.</summary>
public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    /// <summary>
    /// The API version Stripe.net sends on every request (and stripe@23, the Node SDK our fidelity tests
    /// run against, pins too): a change of the account's default version cannot change the wire format under us.
    /// </summary>
    public static string PinnedApiVersion => global::Stripe.StripeConfiguration.ApiVersion;

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

    /// <summary>
    /// Retries after the first attempt, with the same idempotency key: on network errors, timeouts, 409 and 5xx,
    /// or when Stripe's <c>Stripe-Should-Retry</c> asks for one (Stripe.net's rules, with its backoff).
    /// </summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>Per attempt; Stripe's own SDKs wait 80 s, a buyer waiting on a redirect should not.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The whole of one call, retries included: a buyer waits on checkout and the success page, so a slow Stripe
    /// gets a friendly "try again" after a few seconds rather than a page that hangs for attempt after attempt.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How old a signed webhook may be; Stripe's libraries use 300 s against replayed deliveries.</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>Every secret a webhook signature may match: the current one first, then the previous one.</summary>
    public IReadOnlyList<string> WebhookSecrets =>
        new[] { WebhookSecret, PreviousWebhookSecret }
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Select(s => s!.Trim())
            .ToArray();
}
