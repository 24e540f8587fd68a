using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Stripe;

namespace Storefront.Payments.Webhooks;

/// <summary>What became of one attempt at an event: whether it was processed, and what processing (or the inbox) said.</summary>
public readonly record struct InboxRun(bool Succeeded, string Outcome);

/// <summary>
/// The inbox of Stripe events. A verified event is stored as it arrived before anything acts on it, then processed from its row
/// by whoever claims that row: a conditional UPDATE takes it for <see cref="WebhookOptions.ClaimTimeout"/>, so of any number
/// of deliveries and instances one processes it, and a claim left by an instance that died lapses for another to take over.
/// A failed attempt backs off exponentially until <see cref="WebhookOptions.MaxAttempts"/>, then waits for someone to act.
/// </summary>
public sealed class WebhookInbox(
    StorefrontDbContext db, StripeEventProcessor processor, WebhookMetrics metrics, IOptionsMonitor<WebhookOptions> options, TimeProvider clock,
    ILogger<WebhookInbox> logger)
{
    private const int MaxErrorLength = 1000;

    /// <summary>Stores a verified delivery (once per event id) and, if this delivery gets the claim, processes it at once.</summary>
    public async Task<InboxRun> ReceiveAsync(string payload, Event stripeEvent, CancellationToken cancellationToken)
    {
        metrics.Received(stripeEvent.Type);
        var now = Now();
        // An event always carries its creation time; should one not, its arrival is the nearest truth.
        var created = stripeEvent.Created == default ? now : DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc);
        // The receiving instance gets the first go: the worker leaves a fresh row alone until a claim's length has passed.
        var firstGoEnds = now + options.CurrentValue.ClaimTimeout;
        const string pending = nameof(InboxStatus.Pending);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stripe_events (id, type, received_at, payload, event_created_at, status, attempts, next_attempt_at)
            VALUES ({stripeEvent.Id}, {stripeEvent.Type}, {now}, {payload}, {created}, {pending}, 0, {firstGoEnds})
            ON CONFLICT (id) DO NOTHING
            """, cancellationToken);
        if (!await TryClaimAsync(stripeEvent.Id, force: false, cancellationToken))
        {
            metrics.Processed(stripeEvent.Type, "duplicate");
            return new InboxRun(true, "duplicate");
        }

        return await RunClaimedAsync(stripeEvent.Id, cancellationToken);
    }

    /// <summary>
    /// Takes the event for this caller. Without <paramref name="force"/> only when it is fresh, due a retry, or its claim lapsed;
    /// with it (someone asked in the admin) whatever its state, unless an instance is processing it right now.
    /// </summary>
    public async Task<bool> TryClaimAsync(string id, bool force, CancellationToken cancellationToken)
    {
        var now = Now();
        var until = now + options.CurrentValue.ClaimTimeout;
        var rows = db.Set<StripeInboxEvent>().Where(e => e.Id == id && e.Payload != null);
        rows = force
            ? rows.Where(e => e.Status != InboxStatus.Processing || e.ClaimedUntil < now)
            : rows.Where(e => (e.Status == InboxStatus.Pending && (e.Attempts == 0 || e.NextAttemptAt <= now))
                || (e.Status == InboxStatus.Failed && e.NextAttemptAt <= now)
                || (e.Status == InboxStatus.Processing && e.ClaimedUntil < now));
        return await rows.ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, InboxStatus.Processing)
            .SetProperty(e => e.ClaimedUntil, until)
            .SetProperty(e => e.Attempts, e => e.Attempts + 1), cancellationToken) == 1;
    }

    /// <summary>Events the worker should take up now: due a retry, or claimed by an instance that did not finish in time.</summary>
    public Task<List<string>> DueAsync(int take, CancellationToken cancellationToken)
    {
        var now = Now();
        return db.Set<StripeInboxEvent>().AsNoTracking()
            .Where(e => e.Payload != null && (((e.Status == InboxStatus.Pending || e.Status == InboxStatus.Failed) && e.NextAttemptAt <= now)
                || (e.Status == InboxStatus.Processing && e.ClaimedUntil < now)))
            .OrderBy(e => e.ReceivedAt).Take(take).Select(e => e.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Processes an event this caller has claimed, from its stored body, and records the result. A failure is recorded, not
    /// thrown: the inbox owns the event from here. A cancellation (the instance stopping) leaves the claim to lapse.
    /// </summary>
    public async Task<InboxRun> RunClaimedAsync(string id, CancellationToken cancellationToken)
    {
        var row = await db.Set<StripeInboxEvent>().AsNoTracking().SingleAsync(e => e.Id == id, cancellationToken);
        try
        {
            var stripeEvent = EventUtility.ParseEvent(row.Payload!, throwOnApiVersionMismatch: false);
            var outcome = await processor.ProcessAsync(stripeEvent, cancellationToken) ?? "no data";
            var done = Now();
            await db.Set<StripeInboxEvent>().Where(e => e.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, InboxStatus.Processed)
                .SetProperty(e => e.ProcessedAt, done)
                .SetProperty(e => e.Outcome, outcome)
                .SetProperty(e => e.NextAttemptAt, (DateTime?)null)
                .SetProperty(e => e.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            metrics.Processed(row.Type, "processed");
            if (row.ProcessedAt is null)
            {
                metrics.Lag(done - row.EventCreatedAt);
            }

            return new InboxRun(true, outcome);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever the failed attempt left tracked must not ride along with a later save in this scope.
            db.ChangeTracker.Clear();
            var retryAt = options.CurrentValue.RetryAt(Now(), row.Attempts);
            var error = Describe(ex);
            await db.Set<StripeInboxEvent>().Where(e => e.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, InboxStatus.Failed)
                .SetProperty(e => e.LastError, error)
                .SetProperty(e => e.NextAttemptAt, retryAt)
                .SetProperty(e => e.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            metrics.Processed(row.Type, "failed");
            if (retryAt is { } next)
            {
                logger.LogWarning(ex, "Stripe event {EventId} ({Type}) failed on attempt {Attempts}; trying again at {RetryAt:O}", id, row.Type, row.Attempts, next);
            }
            else
            {
                logger.LogError(ex, "Stripe event {EventId} ({Type}) failed {Attempts} times; it waits in /admin/webhooks for someone to process it again",
                    id, row.Type, row.Attempts);
            }

            return new InboxRun(false, "failed");
        }
    }

    /// <summary>Deletes processed events older than the retention; failed and waiting ones stay, whatever their age.</summary>
    public Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = Now() - options.CurrentValue.Retention;
        return db.Set<StripeInboxEvent>().Where(e => e.Status == InboxStatus.Processed && e.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<InboxDepth> DepthAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Set<StripeInboxEvent>().Where(e => e.Status != InboxStatus.Processed)
            .GroupBy(e => e.Status).Select(g => new { Status = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        return new InboxDepth(counts.Where(c => c.Status != InboxStatus.Failed).Sum(c => c.Count), counts.Where(c => c.Status == InboxStatus.Failed).Sum(c => c.Count));
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    // The innermost message names the cause (the database's or Stripe's words); connection strings and keys never appear in them.
    private static string Describe(Exception exception)
    {
        var cause = exception.GetBaseException();
        var text = $"{cause.GetType().Name}: {cause.Message}";
        return text.Length > MaxErrorLength ? text[..MaxErrorLength] : text;
    }
}
