using System.Diagnostics.Metrics;

namespace Storefront.Payments.Webhooks;

/// <summary>
/// The inbox's figures on the <c>Storefront.Webhooks</c> meter: events received and processed (by type and outcome), the lag from
/// Stripe's <c>created</c> to processing, and how many events wait or failed. The depth is a database count, so it is the
/// figure the worker last read, never a query per scrape.
/// </summary>
public sealed class WebhookMetrics
{
    public const string MeterName = "Storefront.Webhooks";

    private readonly Counter<long> received;
    private readonly Counter<long> processed;
    private readonly Histogram<double> lag;
    // Replaced whole, so a scrape never reads one count from one look and the other from the next.
    private volatile InboxDepth? depth;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        received = meter.CreateCounter<long>("storefront.webhooks.received", "{event}", "Verified Stripe events received, duplicates included");
        processed = meter.CreateCounter<long>("storefront.webhooks.processed", "{event}",
            "Attempts at Stripe events by outcome: processed, failed, or duplicate (already stored, not processed again)");
        lag = meter.CreateHistogram<double>("storefront.webhooks.lag", "s", "Seconds from a Stripe event's creation to its processing");
        meter.CreateObservableGauge("storefront.webhooks.inbox.depth", Depth, "{event}", "Stripe events waiting to be processed or failed");
    }

    public void Received(string type) => received.Add(1, new KeyValuePair<string, object?>("type", type));

    public void Processed(string type, string outcome) =>
        processed.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("outcome", outcome));

    public void Lag(TimeSpan sinceCreated) => lag.Record(Math.Max(0, sinceCreated.TotalSeconds));

    /// <summary>Set by the worker after each look at the inbox.</summary>
    public void SetDepth(long pending, long failed) => depth = new InboxDepth(pending, failed);

    private IEnumerable<Measurement<long>> Depth() => depth is { } known
        ? [new(known.Pending, new KeyValuePair<string, object?>("status", "pending")), new(known.Failed, new KeyValuePair<string, object?>("status", "failed"))]
        : [];
}

/// <summary>How many events wait (pending or being processed) and how many failed, at the worker's last look.</summary>
public sealed record InboxDepth(long Pending, long Failed);
