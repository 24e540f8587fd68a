namespace Storefront.Payments.Reconciliation;

/// <summary>The <c>Reconciliation</c> section: how often the shop asks Stripe for paid sessions it has not fulfilled, and how far back.</summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Reconciliation";

    /// <summary>Time between sweeps (env <c>Reconciliation__Interval</c>); the first runs one interval after start.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back completed Checkout Sessions are listed (env <c>Reconciliation__Window</c>).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(3);

    /// <summary>A pending order older than this is closed: Stripe expires a Checkout Session after 24 hours at the latest.</summary>
    public TimeSpan PendingLifetime { get; set; } = TimeSpan.FromHours(25);

    /// <summary>
    /// Readiness is Degraded when no instance has completed a sweep for longer than this (env <c>Reconciliation__MaxLag</c>);
    /// unset, three intervals and a minute: one missed round is weather, three are a stuck sweeper.
    /// </summary>
    public TimeSpan? MaxLag { get; set; }

    public TimeSpan EffectiveMaxLag => MaxLag ?? Interval * 3 + TimeSpan.FromMinutes(1);
}
