using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Payments.Admin;

namespace Storefront.Payments.Webhooks;

public sealed record WebhookEventPage(IReadOnlyList<StripeInboxEvent> Events, int Page, int PageCount, int Total, IReadOnlyDictionary<InboxStatus, int> Counts);

/// <summary>The inbox as support reads it: a page of events (newest first, by status, with the count of each), one event, and "process again".</summary>
public sealed class WebhookEvents(StorefrontDbContext db, WebhookInbox inbox, AuditLog audit)
{
    public const int PageSize = 25;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<WebhookEventPage> FindAsync(InboxStatus? status, int page, CancellationToken cancellationToken)
    {
        var counts = await db.Set<StripeInboxEvent>().GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var events = db.Set<StripeInboxEvent>().AsNoTracking();
        if (status is { } only)
        {
            events = events.Where(e => e.Status == only);
        }

        var total = status is { } one ? counts.GetValueOrDefault(one) : counts.Values.Sum();
        var window = PageWindow.Of(total, page, PageSize);
        // The body can be large: the list shows none of it.
        var items = await events.OrderByDescending(e => e.ReceivedAt).ThenByDescending(e => e.Id).Skip(window.Skip).Take(window.Size)
            .Select(e => new StripeInboxEvent
            {
                Id = e.Id, Type = e.Type, ReceivedAt = e.ReceivedAt, EventCreatedAt = e.EventCreatedAt, Status = e.Status, Attempts = e.Attempts,
                LastError = e.LastError, NextAttemptAt = e.NextAttemptAt, ProcessedAt = e.ProcessedAt, Outcome = e.Outcome,
            }).ToListAsync(cancellationToken);
        return new WebhookEventPage(items, window.Page, window.PageCount, total, counts);
    }

    public Task<StripeInboxEvent?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Set<StripeInboxEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    /// <summary>The stored body indented for reading; as stored when it is not JSON after all.</summary>
    public static string Pretty(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return payload;
        }
    }

    /// <summary>
    /// Runs the event again now, whatever its state, unless an instance is processing it right now. Every handler is
    /// idempotent, so a processed event changes nothing; the audit log records who asked and what came of it.
    /// </summary>
    public async Task<ActionOutcome> ProcessAgainAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(id, cancellationToken);
        if (stored is null)
        {
            return new(false, "There is no such event.");
        }

        if (stored.Payload is null)
        {
            return new(false, "There is nothing to process again: the event's body was erased with a buyer's personal data, "
                + "or the event arrived before the shop kept events as they arrived.");
        }

        if (!await inbox.TryClaimAsync(id, force: true, cancellationToken))
        {
            return new(false, "The event is being processed right now; look again in a moment.");
        }

        var run = await inbox.RunClaimedAsync(id, cancellationToken);
        audit.Record("webhook.reprocessed", $"stripe event {id}", $"{stored.Type}: {run.Outcome}");
        await db.SaveChangesAsync(cancellationToken);
        return run.Succeeded
            ? new(true, $"Processed again: {run.Outcome}.")
            : new(false, "Processing failed again; the error is below. The event is retried with back-off until it succeeds or its attempts run out.");
    }
}
