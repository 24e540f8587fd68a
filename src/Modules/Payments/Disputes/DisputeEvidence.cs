using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Catalog.Services;
using Storefront.Core.Audit;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Payments.Admin;
using Storefront.Payments.Orders;
using Storefront.Payments.Stripe;
using Stripe;

namespace Storefront.Payments.Disputes;

/// <summary>A dispute and its order, as the evidence page works on them.</summary>
public sealed record EvidenceCase(Order Order, OrderDispute Dispute);

/// <summary>
/// Drafts a dispute's evidence from the shop's own records (the buyer, the product, every download attempt, the licence
/// stamped into the copies, the refund policy page) and sends it to Stripe, staged or submitted to the bank.
/// </summary>
public sealed class DisputeEvidence(
    StorefrontDbContext db, IDownloadAccess downloads, ICatalogTexts catalog, StripeClients stripe, AuditLog audit, TimeProvider clock,
    ILogger<DisputeEvidence> logger)
{
    /// <summary>The published page whose text is the shop's refund policy.</summary>
    public const string RefundPolicySlug = "refund-policy";

    public async Task<EvidenceCase?> FindAsync(long orderNumber, string disputeId, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Number == orderNumber, cancellationToken);
        var dispute = order is null ? null
            : await db.Set<OrderDispute>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == disputeId && d.OrderId == order.Id, cancellationToken);
        return dispute is null ? null : new EvidenceCase(order!, dispute);
    }

    public async Task<Dictionary<string, string>> DraftAsync(EvidenceCase found, CancellationToken cancellationToken)
    {
        var order = found.Order;
        var grants = await downloads.ForOrderAsync(order.Id, cancellationToken);
        var attempts = await downloads.AttemptsAsync(grants.Select(g => g.Id).ToList(), limit: 500, cancellationToken);
        var log = new StringBuilder();
        foreach (var attempt in attempts.OrderBy(a => a.At))
        {
            log.Append(Time(attempt.At)).Append(" — ").Append(attempt.Outcome).Append(" — address ").Append(attempt.IpAddress ?? "not recorded")
                .Append(" — browser ").Append(attempt.UserAgent ?? "not recorded").Append('\n');
        }

        var receipt = new StringBuilder();
        receipt.Append(CultureInfo.InvariantCulture, $"Order {order.Number}: {order.ProductTitle}, {Money.Format(order.AmountMinor, order.Currency)}");
        receipt.Append(order.FulfilledAt is { } paid ? $", paid {Time(paid)}" : "").Append('.').Append('\n');
        receipt.Append("Receipt with the download links sent to ").Append(order.BuyerEmail ?? "no address (none was given)").Append(".\n");
        foreach (var grant in grants)
        {
            receipt.Append(CultureInfo.InvariantCulture, $"{grant.ProductTitle}: licence code {grant.LicenseCode}, stamped into every copy the buyer downloaded; ");
            receipt.Append(CultureInfo.InvariantCulture, $"{grant.UsesAllowed} downloads allowed until {Time(grant.ExpiresAt)}, {grant.UsesAllowed - grant.UsesLeft} used.\n");
        }

        return new Dictionary<string, string>
        {
            [EvidenceFields.CustomerName] = order.BuyerName ?? "",
            [EvidenceFields.CustomerEmailAddress] = order.BuyerEmail ?? "",
            [EvidenceFields.CustomerPurchaseIp] = "",
            [EvidenceFields.ProductDescription] = $"{order.ProductTitle} (digital download)\n\n{await catalog.ProductDescriptionAsync(order.ProductId, cancellationToken)}".Trim(),
            [EvidenceFields.ServiceDate] = order.FulfilledAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            [EvidenceFields.AccessActivityLog] = log.Length > 0 ? log.ToString().TrimEnd() : "No download attempts were recorded.",
            [EvidenceFields.UncategorizedText] = receipt.ToString().TrimEnd(),
            [EvidenceFields.RefundPolicyDisclosure] = await catalog.PublishedPageTextAsync(RefundPolicySlug, cancellationToken) ?? "",
        };
    }

    /// <summary>
    /// Sends the fields to Stripe, staged (<paramref name="submit"/> false) or as the final answer to the bank. Refusals,
    /// Stripe's included, come back as the outcome's message; nothing is recorded unless Stripe accepted the evidence.
    /// </summary>
    public async Task<ActionOutcome> SendAsync(EvidenceCase found, IReadOnlyDictionary<string, string> fields, bool submit, CancellationToken cancellationToken)
    {
        var dispute = found.Dispute;
        if (dispute.ClosedAt is not null)
        {
            return new(false, "This dispute is closed: the bank has decided and takes no more evidence.");
        }

        if (dispute.EvidenceSubmittedAt is { } submittedAt)
        {
            return new(false, $"The evidence was already submitted to the bank on {Time(submittedAt)}; Stripe accepts no changes after that.");
        }

        string? Value(string name) => fields.TryGetValue(name, out var value) && value.Trim() is { Length: > 0 } text ? text : null;
        var options = new DisputeUpdateOptions
        {
            Evidence = new DisputeEvidenceOptions
            {
                CustomerName = Value(EvidenceFields.CustomerName),
                CustomerEmailAddress = Value(EvidenceFields.CustomerEmailAddress),
                CustomerPurchaseIp = Value(EvidenceFields.CustomerPurchaseIp),
                ProductDescription = Value(EvidenceFields.ProductDescription),
                ServiceDate = Value(EvidenceFields.ServiceDate),
                AccessActivityLog = Value(EvidenceFields.AccessActivityLog),
                UncategorizedText = Value(EvidenceFields.UncategorizedText),
                RefundPolicyDisclosure = Value(EvidenceFields.RefundPolicyDisclosure),
            },
            Metadata = new Dictionary<string, string> { ["order_number"] = found.Order.Number.ToString(CultureInfo.InvariantCulture) },
            // Stripe submits unless told not to: a draft must say so.
            Submit = submit,
        };
        try
        {
            await new DisputeService(stripe.Current).UpdateAsync(dispute.Id, options, cancellationToken: cancellationToken);
        }
        catch (StripeException ex)
        {
            logger.LogWarning("Stripe refused the evidence for dispute {DisputeId}: {Reason}", dispute.Id, ex.StripeError?.Message ?? ex.Message);
            return new(false, $"Stripe refused the evidence: {ex.StripeError?.Message ?? ex.Message}");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (submit)
        {
            await db.Set<OrderDispute>().Where(d => d.Id == dispute.Id && d.EvidenceSubmittedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.EvidenceSubmittedAt, now), cancellationToken);
        }
        else
        {
            await db.Set<OrderDispute>().Where(d => d.Id == dispute.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.EvidenceStagedAt, now), cancellationToken);
        }

        var sent = EvidenceFields.All.Where(f => Value(f.Name) is not null).Select(f => f.Name);
        audit.Record(submit ? "dispute.evidence.submitted" : "dispute.evidence.saved", string.Create(CultureInfo.InvariantCulture, $"order {found.Order.Number}"),
            $"{dispute.Id}: {string.Join(", ", sent)}");
        await db.SaveChangesAsync(cancellationToken);
        return new(true, submit
            ? "The evidence is submitted to the bank. Stripe accepts no changes now; the bank's decision will show here."
            : "The evidence is saved with Stripe as a draft. Submit it before the deadline.");
    }

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
