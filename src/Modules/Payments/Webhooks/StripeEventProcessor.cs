using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Core.Data;
using Storefront.Payments.Orders;

namespace Storefront.Payments.Webhooks;

/// <summary>
/// Acts on a verified Stripe event. Every action is idempotent on its own (fulfilment is once per
/// session, closing and revoking only move states forward), so concurrent or repeated deliveries
/// are safe; the event id is recorded once so a replay is answered without doing anything.
/// </summary>
public sealed class StripeEventProcessor(StorefrontDbContext db, Fulfilment fulfilment, CheckoutSessions sessions, ILogger<StripeEventProcessor> logger)
{
    public async Task<string?> ProcessAsync(JsonElement stripeEvent, CancellationToken cancellationToken)
    {
        var id = Text(stripeEvent, "id");
        var type = Text(stripeEvent, "type");
        if (id is null || type is null || !stripeEvent.TryGetProperty("data", out var data) || !data.TryGetProperty("object", out var item))
        {
            return null;
        }

        if (await db.Set<ProcessedStripeEvent>().AnyAsync(e => e.Id == id, cancellationToken))
        {
            return "duplicate";
        }

        var outcome = type switch
        {
            "checkout.session.completed" => await CompletedAsync(item, cancellationToken),
            "checkout.session.async_payment_succeeded" => await PaidAsync(item, cancellationToken),
            "checkout.session.async_payment_failed" or "checkout.session.expired" => await ClosedAsync(item, cancellationToken),
            "charge.refunded" => await RefundedAsync(item, cancellationToken),
            "charge.dispute.created" => await DisputedAsync(item, cancellationToken),
            _ => "ignored",
        };
        await RecordAsync(id, type, cancellationToken);
        logger.LogInformation("Stripe event {EventId} ({Type}): {Outcome}", id, type, outcome);
        return outcome;
    }

    private async Task<string> CompletedAsync(JsonElement session, CancellationToken cancellationToken)
    {
        if (Text(session, "payment_status") is "paid" or "no_payment_required")
        {
            return await PaidAsync(session, cancellationToken);
        }

        var sessionId = await sessions.ResolveAsync(session, cancellationToken);
        if (sessionId is null)
        {
            return "unknown session";
        }

        var (email, name) = Buyer(session);
        await fulfilment.MarkAwaitingPaymentAsync(sessionId, email, name, cancellationToken);
        return "awaiting payment";
    }

    private async Task<string> PaidAsync(JsonElement session, CancellationToken cancellationToken)
    {
        var sessionId = await sessions.ResolveAsync(session, cancellationToken);
        if (sessionId is null)
        {
            return "unknown session";
        }

        if (!await sessions.AmountMatchesAsync(sessionId, session, cancellationToken))
        {
            return "amount mismatch";
        }

        var (email, name) = Buyer(session);
        var fulfilled = await fulfilment.FulfilAsync(new PaidSession(sessionId, Text(session, "payment_intent"), email, name), cancellationToken);
        return fulfilled ? "fulfilled" : "already fulfilled";
    }

    private async Task<string> ClosedAsync(JsonElement session, CancellationToken cancellationToken)
    {
        var sessionId = await sessions.ResolveAsync(session, cancellationToken);
        return sessionId is null ? "unknown session" : await fulfilment.CloseAsync(sessionId, cancellationToken) > 0 ? "closed" : "unchanged";
    }

    private async Task<string> RefundedAsync(JsonElement charge, CancellationToken cancellationToken)
    {
        // A partial refund (a goodwill discount) leaves the purchase in place; a full one takes it back.
        if (!(charge.TryGetProperty("refunded", out var refunded) && refunded.ValueKind == JsonValueKind.True))
        {
            return "partial refund";
        }

        return Text(charge, "payment_intent") is { } intent
            ? $"revoked {await fulfilment.RevokeAsync(intent, OrderStatus.Refunded, "refunded", cancellationToken)}"
            : "no payment intent";
    }

    private async Task<string> DisputedAsync(JsonElement dispute, CancellationToken cancellationToken) =>
        Text(dispute, "payment_intent") is { } intent
            ? $"revoked {await fulfilment.RevokeAsync(intent, OrderStatus.Disputed, "disputed", cancellationToken)}"
            : "no payment intent";

    private async Task RecordAsync(string id, string type, CancellationToken cancellationToken)
    {
        // A concurrent delivery of the same event may have recorded it first; its work was idempotent too.
        var now = DateTime.UtcNow;
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO stripe_events (id, type, received_at) VALUES ({id}, {type}, {now}) ON CONFLICT (id) DO NOTHING", cancellationToken);
    }

    private static (string? Email, string? Name) Buyer(JsonElement session)
    {
        string? email = null, name = null;
        if (session.TryGetProperty("customer_details", out var details) && details.ValueKind == JsonValueKind.Object)
        {
            email = Text(details, "email");
            name = Text(details, "name");
        }

        return (email ?? Text(session, "customer_email"), string.IsNullOrWhiteSpace(name) ? null : name.Trim());
    }

    internal static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
