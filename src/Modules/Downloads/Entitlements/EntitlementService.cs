using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Downloads.Stamping;

namespace Storefront.Downloads.Entitlements;

/// <summary>What a fulfilled purchase of one product grants.</summary>
public sealed record GrantRequest(Guid OrderId, long OrderNumber, ProductSnapshot Product, string BuyerEmail, string? BuyerName)
{
    /// <summary>The product bought that grants this one (a bundle); the product itself when null.</summary>
    public Guid? ViaProductId { get; init; }
}

/// <summary>The outcome of trying to consume one download.</summary>
public enum ConsumeResult
{
    Allowed,
    NotFound,
    Expired,
    UsedUp,
    Revoked,

    /// <summary>The payment is disputed; the right comes back as it was if the shop wins.</summary>
    UnderReview,

    /// <summary>The purchase is fine, but as many copies as allowed are already on their way.</summary>
    Busy,

    /// <summary>Downloads are stopped while the shop checks a link that looks shared.</summary>
    SharingReview,
}

/// <summary>
/// Grants, explains and revokes entitlements; <see cref="DownloadLedger"/> reserves and settles their uses.
/// </summary>
public sealed class EntitlementService(StorefrontDbContext db, IOptionsMonitor<DownloadsOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Stages an entitlement in the caller's unit of work (committed with the order). A product without its own
    /// limits gets the <c>Downloads</c> defaults, as configuration resolves them: the environment's
    /// <c>Downloads__DefaultUses</c>, else the policy set in the admin, else appsettings.
    /// </summary>
    public Task<Entitlement> StageGrantAsync(GrantRequest request, CancellationToken cancellationToken)
    {
        var defaults = options.CurrentValue;
        var uses = request.Product.DownloadUses ?? defaults.DefaultUses;
        var hours = request.Product.DownloadExpiryHours ?? defaults.DefaultExpiryHours;
        var fingerprint = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = clock.GetUtcNow().UtcDateTime;
        var entitlement = new Entitlement
        {
            OrderId = request.OrderId,
            OrderNumber = request.OrderNumber,
            ProductId = request.Product.Id,
            ViaProductId = request.ViaProductId ?? request.Product.Id,
            ProductTitle = request.Product.Title,
            BuyerEmail = request.BuyerEmail,
            BuyerName = request.BuyerName,
            UsesAllowed = uses,
            UsesLeft = uses,
            ExpiresAt = now.AddHours(hours),
            Fingerprint = fingerprint,
            LicenseCode = StampTemplate.LicenceCode(fingerprint),
            CreatedAt = now,
        };
        db.Add(entitlement);
        return Task.FromResult(entitlement);
    }

    /// <summary>Why an entitlement cannot give a copy now; records an expiry the first time someone runs into it.</summary>
    public async Task<ConsumeResult> WhyNotAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var entitlement = await db.Set<Entitlement>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entitlement is null)
        {
            return ConsumeResult.NotFound;
        }

        if (entitlement.Status != EntitlementStatus.Revoked && entitlement.SuspendedAt is not null)
        {
            return ConsumeResult.UnderReview;
        }

        if (entitlement.Status != EntitlementStatus.Revoked && entitlement.SharingSuspendedAt is not null)
        {
            return ConsumeResult.SharingReview;
        }

        if (entitlement.Status == EntitlementStatus.Active && entitlement.ExpiresAt <= now)
        {
            // The state only moves forward.
            await db.Set<Entitlement>().Where(e => e.Id == id && e.Status == EntitlementStatus.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EntitlementStatus.Expired), cancellationToken);
            return ConsumeResult.Expired;
        }

        return entitlement.Status switch
        {
            EntitlementStatus.Revoked => ConsumeResult.Revoked,
            EntitlementStatus.Expired => ConsumeResult.Expired,
            EntitlementStatus.Active when entitlement.UsesLeft > 0 => ConsumeResult.Allowed,
            _ => ConsumeResult.UsedUp,
        };
    }

    /// <summary>
    /// Gives back a reserved use whose copy did not arrive, while the entitlement's interrupted copies are within
    /// <paramref name="allowance"/>; a revoked or expired right stays as it is. Returns 1 when given back.
    /// </summary>
    public Task<int> GiveBackAsync(Guid id, int allowance, CancellationToken cancellationToken) => db.Set<Entitlement>()
        .Where(e => e.Id == id && e.InterruptedCopies <= allowance && e.UsesLeft < e.UsesAllowed
            && (e.Status == EntitlementStatus.Active || e.Status == EntitlementStatus.Exhausted))
        .ExecuteUpdateAsync(s => s
            .SetProperty(e => e.UsesLeft, e => e.UsesLeft + 1)
            .SetProperty(e => e.Status, EntitlementStatus.Active), cancellationToken);

    /// <summary>Stops every unrevoked entitlement of a disputed order from giving copies; returns how many changed.</summary>
    public Task<int> SuspendOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<Entitlement>()
            .Where(e => e.OrderId == orderId && e.Status != EntitlementStatus.Revoked && e.SuspendedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.SuspendedAt, now), cancellationToken);
    }

    /// <summary>Lifts a dispute's suspension; uses, expiry and state are as they were when it began.</summary>
    public Task<int> ReinstateOrderAsync(Guid orderId, CancellationToken cancellationToken) => db.Set<Entitlement>()
        .Where(e => e.OrderId == orderId && e.SuspendedAt != null)
        .ExecuteUpdateAsync(s => s.SetProperty(e => e.SuspendedAt, (DateTime?)null), cancellationToken);

    /// <summary>Revokes what the given purchased products of an order granted (a partial refund), bundle contents included.</summary>
    public Task<int> RevokeGrantedByAsync(Guid orderId, IReadOnlyCollection<Guid> purchased, string reason, CancellationToken cancellationToken) =>
        RevokeAsync(db.Set<Entitlement>().Where(e => e.OrderId == orderId
            && (e.ViaProductId == null ? purchased.Contains(e.ProductId) : purchased.Contains(e.ViaProductId.Value))), reason, cancellationToken);

    /// <summary>Revokes every live entitlement of an order (refund, lost dispute); returns how many changed.</summary>
    public Task<int> RevokeOrderAsync(Guid orderId, string reason, CancellationToken cancellationToken) =>
        RevokeAsync(db.Set<Entitlement>().Where(e => e.OrderId == orderId), reason, cancellationToken);

    private Task<int> RevokeAsync(IQueryable<Entitlement> entitlements, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return entitlements.Where(e => e.Status != EntitlementStatus.Revoked)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, EntitlementStatus.Revoked)
                .SetProperty(e => e.RevokedAt, now)
                .SetProperty(e => e.RevokedReason, reason), cancellationToken);
    }
}
