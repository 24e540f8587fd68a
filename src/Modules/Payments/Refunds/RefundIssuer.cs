using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Catalog.Services;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Payments.Admin;
using Storefront.Payments.Orders;
using Stripe;

namespace Storefront.Payments.Refunds;

/// <summary>What the refund form sends. <see cref="Attempt"/> is the one-time value rendered into the form.</summary>
/// <summary>
/// What the refund form sends. <see cref="Attempt"/> is the one-time value rendered into the form. <see cref="Lines"/> names
/// order lines by position: the refund is then exactly what they cost, and what they granted is revoked.
/// </summary>
public sealed record RefundRequest(string? Amount, string? Reason, string? Note, bool AlsoRevoke, string? Attempt, IReadOnlyList<int>? Lines = null);

/// <summary>
/// An administrator's refund: checked here first, then asked of Stripe with an idempotency key made from the form's one-time
/// value (a double submit is one refund), then recorded the way a webhook would record it. Stripe's refusals come back as
/// messages and leave no record.
/// </summary>
public sealed class RefundIssuer(
    StorefrontDbContext db, OrderRefunds refunds, RefundService stripe, AuditLog audit, ILogger<RefundIssuer> logger)
{
    public const int MaxNoteLength = 500;

    public static readonly IReadOnlyList<string> Reasons = ["requested_by_customer", "duplicate", "fraudulent"];

    public async Task<ActionOutcome> RefundAsync(long orderNumber, RefundRequest request, string adminName, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Number == orderNumber, cancellationToken);
        if (order is not { FulfilledAt: not null, PaymentIntentId: { Length: > 0 } intent })
        {
            return new(false, "Only a paid order can be refunded.");
        }

        if (!Guid.TryParse(request.Attempt, out var attempt))
        {
            return new(false, "The refund form was incomplete: reload the page and try again.");
        }

        if (request.Reason is not { Length: > 0 } reason || !Reasons.Contains(reason))
        {
            return new(false, "Choose a reason: requested by the customer, duplicate or fraudulent.");
        }

        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            return new(false, $"The note may be at most {MaxNoteLength} characters.");
        }

        var remaining = order.ChargedMinor - await refunds.RefundedMinorAsync(order.Id, cancellationToken);
        if (remaining <= 0)
        {
            return new(false, "This order is already refunded in full.");
        }

        var named = request.Lines is { Count: > 0 } positions
            ? await db.Set<OrderLine>().AsNoTracking().Where(l => l.OrderId == order.Id && positions.Contains(l.Position)).ToListAsync(cancellationToken)
            : [];
        if (named.Count != (request.Lines?.Distinct().Count() ?? 0) || named.Any(l => l.RefundedAt is not null))
        {
            return new(false, "Choose lines of this order that are not refunded yet.");
        }

        long amount;
        if (named.Count > 0)
        {
            amount = Math.Min(named.Sum(l => l.Charged), remaining);
        }
        else if (!RefundAmount.TryParse(request.Amount, order.Currency, out amount, out var error))
        {
            return new(false, error);
        }

        if (amount > remaining)
        {
            return new(false, $"At most {Money.Format(remaining, order.Currency)} is left to refund on this order.");
        }

        Refund refund;
        try
        {
            refund = await stripe.CreateAsync(new RefundCreateOptions
            {
                PaymentIntent = intent, Amount = amount, Reason = reason,
                Metadata = new Dictionary<string, string>
                {
                    ["order_number"] = order.Number.ToString(CultureInfo.InvariantCulture),
                    [OrderRefunds.RefundedByKey] = adminName,
                    [OrderRefunds.RevokeAccessKey] = request.AlsoRevoke ? "true" : "false",
                    [OrderRefunds.LinesKey] = string.Join(',', named.Select(l => l.Position.ToString(CultureInfo.InvariantCulture))),
                },
            }, new RequestOptions { IdempotencyKey = $"storefront-refund-{order.Id:N}-{attempt:N}" }, cancellationToken);
        }
        catch (StripeException ex)
        {
            var message = Refusal(ex);
            logger.LogWarning("Stripe refused a refund of order {OrderNumber}: {Code} {Message}", order.Number, ex.StripeError?.Code, ex.Message);
            audit.Record("refund.refused", Target(order), $"{Money.Format(amount, order.Currency)}: {message}");
            await db.SaveChangesAsync(cancellationToken);
            return new(false, message);
        }

        await refunds.RecordAsync(refund, cancellationToken);
        if (note is not null)
        {
            // The note is the shop's alone (never sent to Stripe), so it is added after the record, which a webhook may have made.
            await db.Set<OrderRefund>().Where(r => r.Id == refund.Id && r.Note == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Note, note), cancellationToken);
        }

        // A double submit gets Stripe's saved answer to the first; the first one is the action, audited once.
        if (!Replayed(refund))
        {
            audit.Record("refund.issued", Target(order), string.Create(CultureInfo.InvariantCulture,
                $"{refund.Id}: {Money.Format(refund.Amount, order.Currency)}, {reason}{(named.Count > 0 ? ", lines: " + string.Join(", ", named.Select(l => l.ProductTitle)) : "")}{(request.AlsoRevoke ? ", access revoked" : "")}{(note is null ? "" : $" — {note}")}"));
            await db.SaveChangesAsync(cancellationToken);
        }

        var left = order.ChargedMinor - await refunds.RefundedMinorAsync(order.Id, cancellationToken);
        return new(true, left <= 0
            ? $"Refunded {Money.Format(refund.Amount, order.Currency)}. The order is refunded in full and its downloads are revoked."
            : $"Refunded {Money.Format(refund.Amount, order.Currency)}. {Money.Format(left, order.Currency)} is left to refund."
                + (request.AlsoRevoke ? " The downloads are revoked."
                    : named.Count > 0 ? $" The downloads of {string.Join(", ", named.Select(l => $"“{l.ProductTitle}”"))} are revoked; the others still work."
                    : " The downloads still work."));
    }

    private static string Refusal(StripeException ex) => ex.StripeError?.Code switch
    {
        "charge_already_refunded" => "Stripe refused: this payment is already refunded in full. Nothing was refunded.",
        "amount_too_large" => "Stripe refused: the amount is more than is left to refund on the payment (a refund may have been made in Stripe's dashboard). Nothing was refunded.",
        "parameter_invalid_integer" or "amount_too_small" => "Stripe refused the amount as invalid. Nothing was refunded.",
        _ when ex.StripeError?.Type == "idempotency_error" => "This refund form was already used for a different amount: reload the page and try again.",
        _ when ex.StripeError?.Message is { Length: > 0 } said => $"Stripe refused the refund: {said}",
        _ => "Stripe did not answer, so the refund may not have gone through. Reload the order in a minute before trying again.",
    };

    private static bool Replayed(Refund refund) =>
        refund.StripeResponse?.Headers is { } headers && headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");

    private static string Target(Order order) => string.Create(CultureInfo.InvariantCulture, $"order {order.Number}");
}
