using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Downloads.Entitlements;

namespace Storefront.Downloads.Sharing;

/// <summary>A flagged purchase as the admin list shows it.</summary>
public sealed record FlaggedPurchase(SharingFlag Flag, string ProductTitle, string BuyerEmail, IReadOnlyList<NetworkEvidence> Evidence);

/// <summary>One page of the flagged purchases, newest first; <see cref="Page"/> is the one shown, within 1..<see cref="PageCount"/>.</summary>
public sealed record FlaggedPage(IReadOnlyList<FlaggedPurchase> Flags, int Page, int PageCount, int Total);

/// <summary>The administrator's side of shared links: the list, and suspending or clearing one. Each decision is audited.</summary>
public sealed class SharingReview(StorefrontDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>Each flag is a large card with all its evidence: few make a page.</summary>
    public const int PageSize = 20;

    /// <summary>The page asked for, clamped to those there are, so a hand-edited number shows the nearest page rather than none.</summary>
    public async Task<FlaggedPage> ListAsync(int page, CancellationToken cancellationToken)
    {
        var flagged = db.Set<SharingFlag>().AsNoTracking()
            .Join(db.Set<Entitlement>(), f => f.EntitlementId, e => e.Id, (f, e) => new { Flag = f, e.ProductTitle, e.BuyerEmail });
        var total = await flagged.CountAsync(cancellationToken);
        var window = PageWindow.Of(total, page, PageSize);
        // Flags raised in the same instant would otherwise swap places between pages, showing one twice and another never.
        var rows = await flagged.OrderByDescending(r => r.Flag.FlaggedAt).ThenByDescending(r => r.Flag.EntitlementId)
            .Skip(window.Skip).Take(window.Size).ToListAsync(cancellationToken);
        var flags = rows.Select(r => new FlaggedPurchase(r.Flag, r.ProductTitle, r.BuyerEmail, r.Flag.ReadEvidence())).ToList();
        return new FlaggedPage(flags, window.Page, window.PageCount, total);
    }

    /// <summary>Stops the purchase's downloads; false when it was already suspended or is not flagged.</summary>
    public async Task<bool> SuspendAsync(Guid entitlementId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Set<SharingFlag>().Where(f => f.EntitlementId == entitlementId && f.Status != SharingStatus.Suspended)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, SharingStatus.Suspended).SetProperty(f => f.SuspendedAt, now), cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        await db.Set<Entitlement>().Where(e => e.Id == entitlementId).ExecuteUpdateAsync(s => s.SetProperty(e => e.SharingSuspendedAt, now), cancellationToken);
        audit.Record("sharing.suspended", await TargetAsync(entitlementId, cancellationToken), "by an administrator");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Acknowledges the flag and resumes downloads. The networks seen so far are remembered as acknowledged, so the same
    /// evidence never raises it again: only as many new networks as flag a purchase do.
    /// </summary>
    public async Task<bool> ClearAsync(Guid entitlementId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var flag = await db.Set<SharingFlag>().AsNoTracking().FirstOrDefaultAsync(f => f.EntitlementId == entitlementId, cancellationToken);
        if (flag is null or { Status: SharingStatus.Cleared })
        {
            return false;
        }

        var acknowledged = string.Join(',', flag.AcknowledgedNetworks().Concat(flag.ReadEvidence().Select(n => n.Network)).Distinct(StringComparer.Ordinal));
        // Names the round and evidence it read: a flag raised again meanwhile is not cleared unseen.
        var changed = await db.Set<SharingFlag>()
            .Where(f => f.EntitlementId == entitlementId && f.Round == flag.Round && f.Evidence == flag.Evidence && f.Status != SharingStatus.Cleared)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, SharingStatus.Cleared).SetProperty(f => f.ClearedAt, now)
                .SetProperty(f => f.Acknowledged, acknowledged), cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        await db.Set<Entitlement>().Where(e => e.Id == entitlementId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.SharingSuspendedAt, (DateTime?)null), cancellationToken);
        audit.Record("sharing.cleared", await TargetAsync(entitlementId, cancellationToken), $"{flag.Networks} networks acknowledged");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<string> TargetAsync(Guid entitlementId, CancellationToken cancellationToken) =>
        $"order {await db.Set<SharingFlag>().Where(f => f.EntitlementId == entitlementId).Select(f => f.OrderNumber).SingleAsync(cancellationToken)}";
}
