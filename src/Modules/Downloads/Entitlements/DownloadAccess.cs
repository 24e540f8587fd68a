using Microsoft.EntityFrameworkCore;
using Storefront.Core.Content;
using Storefront.Core.Data;

namespace Storefront.Downloads.Entitlements;

/// <summary>The rights, links and download history other modules may see and change, through <see cref="IDownloadAccess"/>.</summary>
internal sealed class DownloadAccess(StorefrontDbContext db, DownloadLinks links, TimeProvider clock) : IDownloadAccess
{
    public async Task<IReadOnlyList<DownloadGrant>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        (await db.Set<Entitlement>().AsNoTracking().Where(e => e.OrderId == orderId).OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken))
        .Select(Grant).ToList();

    public async Task<DownloadGrant?> FindAsync(long orderNumber, Guid grantId, CancellationToken cancellationToken) =>
        await db.Set<Entitlement>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == grantId && e.OrderNumber == orderNumber, cancellationToken)
            is { } entitlement ? Grant(entitlement) : null;

    public Uri LinkFor(DownloadGrant grant, string? requestOrigin = null) => links.For(grant.Id, grant.ExpiresAt, requestOrigin);

    public async Task<IReadOnlyList<DownloadAttemptRecord>> AttemptsAsync(IReadOnlyCollection<Guid> grantIds, int limit, CancellationToken cancellationToken)
    {
        var ids = grantIds.Select(id => (Guid?)id).ToList();
        return await db.Set<DownloadAttempt>().AsNoTracking().Where(a => ids.Contains(a.EntitlementId))
            .OrderByDescending(a => a.At).Take(limit)
            .Select(a => new DownloadAttemptRecord(a.At, a.Outcome, a.IpAddress, a.UserAgent)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DateTime>> DeliveriesSinceAsync(DateTime sinceUtc, CancellationToken cancellationToken) =>
        await db.Set<DownloadAttempt>().AsNoTracking().Where(a => a.At >= sinceUtc && a.Outcome == "Delivered")
            .Select(a => a.At).ToListAsync(cancellationToken);

    public async Task<DownloadGrant> StageRevokeAsync(Guid grantId, string reason, CancellationToken cancellationToken)
    {
        var entitlement = await TrackedAsync(grantId, cancellationToken);
        entitlement.Status = EntitlementStatus.Revoked;
        entitlement.RevokedAt = clock.GetUtcNow().UtcDateTime;
        entitlement.RevokedReason = reason;
        return Grant(entitlement);
    }

    /// <summary>
    /// Adds uses and/or moves the expiry. An exhausted or expired right comes back to life: the forward-only rule
    /// exists so the gate never resurrects a right by itself, and this is a deliberate new grant on a paid purchase.
    /// </summary>
    public async Task<DownloadGrant> StageExtendAsync(Guid grantId, int extraUses, DateTime? newExpiryUtc, CancellationToken cancellationToken)
    {
        var entitlement = await TrackedAsync(grantId, cancellationToken);
        if (entitlement.Status == EntitlementStatus.Revoked)
        {
            throw new InvalidOperationException($"Entitlement {grantId} was revoked; nothing may undo a revocation.");
        }

        entitlement.UsesAllowed += extraUses;
        entitlement.UsesLeft += extraUses;
        if (newExpiryUtc is { } newExpiry)
        {
            entitlement.ExpiresAt = newExpiry;
        }

        var live = entitlement.UsesLeft > 0 && entitlement.ExpiresAt > clock.GetUtcNow().UtcDateTime;
        entitlement.Status = live ? EntitlementStatus.Active : entitlement.Status;
        return Grant(entitlement);
    }

    private async Task<Entitlement> TrackedAsync(Guid grantId, CancellationToken cancellationToken) =>
        await db.Set<Entitlement>().FirstOrDefaultAsync(e => e.Id == grantId, cancellationToken)
        ?? throw new InvalidOperationException($"Entitlement {grantId} does not exist.");

    private static DownloadGrant Grant(Entitlement e) => new(e.Id, e.OrderNumber, e.ProductTitle,
        e.SuspendedAt is not null && e.Status != EntitlementStatus.Revoked ? DownloadGrant.Suspended : e.Status.ToString(), e.UsesAllowed, e.UsesLeft,
        e.ExpiresAt, e.LicenseCode, e.RevokedAt, e.RevokedReason);
}
