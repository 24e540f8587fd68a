namespace Storefront.Payments.Webhooks;

/// <summary>Where a stored Stripe event stands. Stored by name, so the values never change meaning.</summary>
public enum InboxStatus
{
    /// <summary>Stored, not yet taken up.</summary>
    Pending,

    /// <summary>An instance holds it until <see cref="StripeInboxEvent.ClaimedUntil"/>; after that anyone may take it over.</summary>
    Processing,

    Processed,

    /// <summary>Its last attempt failed: tried again at <see cref="StripeInboxEvent.NextAttemptAt"/>, or never (none) until someone acts.</summary>
    Failed,
}

/// <summary>
/// One verified Stripe event exactly as it arrived, keyed by Stripe's event id: a redelivery finds it instead of acting twice,
/// and the inbox, not Stripe's retries, sees it through to the end once it is stored.
/// </summary>
public sealed class StripeInboxEvent
{
    public required string Id { get; set; }

    public required string Type { get; set; }

    public required DateTime ReceivedAt { get; set; }

    /// <summary>The request body byte for byte (its signature was checked on it). None on events kept from before the inbox stored bodies.</summary>
    public string? Payload { get; set; }

    /// <summary>Stripe's <c>created</c>: when the event happened, the start of its lag.</summary>
    public DateTime EventCreatedAt { get; set; }

    public InboxStatus Status { get; set; }

    /// <summary>Attempts begun, a crashed one included: a claim counts as an attempt when it is taken.</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public DateTime? ProcessedAt { get; set; }

    /// <summary>What processing concluded (<c>fulfilled</c>, <c>already fulfilled</c>, <c>ignored</c>…).</summary>
    public string? Outcome { get; set; }
}
