using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Outbox;
using Storefront.Payments.Orders;
using Storefront.Payments.Receipts;

namespace Storefront.Payments.Admin;

/// <summary>The outcome of an admin action, phrased for the flash message.</summary>
public sealed record ActionOutcome(bool Succeeded, string Message);

/// <summary>
/// What support may do to a paid order: revoke or extend a download right, re-send the receipt.
/// Downloads stages each change to a download right; this saves it in one unit of work with its audit entry.
/// </summary>
public sealed class OrderActions(StorefrontDbContext db, IDownloadAccess downloads, AuditLog audit, Outbox outbox, TimeProvider clock)
{
    public const string ExtraUsesRange = "Extra downloads must be between 0 and 1000.";

    public const string RevokedByAdmin = "revoked by admin";

    public async Task<ActionOutcome> RevokeAsync(long orderNumber, Guid entitlementId, CancellationToken cancellationToken)
    {
        var entitlement = await FindAsync(orderNumber, entitlementId, cancellationToken);
        if (entitlement is null)
        {
            return new(false, "That download is not part of this order.");
        }

        if (entitlement.IsRevoked)
        {
            return new(false, $"The download of {entitlement.ProductTitle} was already revoked.");
        }

        await downloads.StageRevokeAsync(entitlement.Id, RevokedByAdmin, cancellationToken);
        audit.Record("entitlement.revoked", Target(orderNumber), $"{entitlement.ProductTitle} (licence {entitlement.LicenseCode})");
        await db.SaveChangesAsync(cancellationToken);
        return new(true, $"The download of {entitlement.ProductTitle} is revoked: its links no longer work.");
    }

    /// <summary>
    /// Adds uses and/or moves the expiry. Revoked stays revoked: a revocation follows a refund, a dispute or a
    /// decision, and nothing may undo it. An exhausted or expired right is re-activated (a deliberate new grant
    /// on the same purchase), and the audit log says who made it.
    /// </summary>
    public async Task<ActionOutcome> ExtendAsync(long orderNumber, Guid entitlementId, int extraUses, DateTime? newExpiryUtc,
        CancellationToken cancellationToken)
    {
        var entitlement = await FindAsync(orderNumber, entitlementId, cancellationToken);
        if (entitlement is null)
        {
            return new(false, "That download is not part of this order.");
        }

        if (entitlement.IsRevoked)
        {
            return new(false, $"The download of {entitlement.ProductTitle} was revoked and cannot be extended.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (extraUses is < 0 or > 1000)
        {
            return new(false, ExtraUsesRange);
        }

        if (newExpiryUtc is { } expiry && expiry <= now)
        {
            return new(false, "The new expiry must be in the future.");
        }

        if (extraUses == 0 && newExpiryUtc is null)
        {
            return new(false, "Give extra downloads, a new expiry, or both.");
        }

        entitlement = await downloads.StageExtendAsync(entitlement.Id, extraUses, newExpiryUtc, cancellationToken);
        var live = entitlement.UsesLeft > 0 && entitlement.ExpiresAt > now;
        audit.Record("entitlement.extended", Target(orderNumber), string.Create(CultureInfo.InvariantCulture,
            $"{entitlement.ProductTitle}: +{extraUses} downloads, expires {entitlement.ExpiresAt:yyyy-MM-dd HH:mm} UTC, {entitlement.UsesLeft} left"));
        await db.SaveChangesAsync(cancellationToken);
        return new(true, live
            ? $"{entitlement.ProductTitle} now has {entitlement.UsesLeft} download(s) left until {entitlement.ExpiresAt:yyyy-MM-dd HH:mm} UTC. Links carry their expiry: re-send the receipt so the buyer gets fresh ones."
            : $"{entitlement.ProductTitle} was changed but still has no download left before it expires.");
    }

    /// <summary>Queues the receipt again. The first one's deduplication key is the order id, so this needs a fresh one.</summary>
    public async Task<ActionOutcome> ResendReceiptAsync(long orderNumber, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Number == orderNumber, cancellationToken);
        if (order is null || order.FulfilledAt is null || order.BuyerEmail is null)
        {
            return new(false, "Only a paid order with a buyer email has a receipt to send.");
        }

        outbox.Enqueue(ReceiptHandler.MessageType, $"{order.Id}:resend:{Guid.CreateVersion7()}", new ReceiptMessage(order.Id));
        audit.Record("receipt.resent", Target(orderNumber), order.BuyerEmail);
        await db.SaveChangesAsync(cancellationToken);
        return new(true, $"The receipt is on its way to {order.BuyerEmail} again.");
    }

    private static string Target(long orderNumber) => string.Create(CultureInfo.InvariantCulture, $"order {orderNumber}");

    private Task<DownloadGrant?> FindAsync(long orderNumber, Guid entitlementId, CancellationToken cancellationToken) =>
        downloads.FindAsync(orderNumber, entitlementId, cancellationToken);
}
