using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Licensing.Keys;

namespace Storefront.Licensing.Data;

/// <summary>A product's licence settings as the admin and recipes set them.</summary>
public sealed record LicenseSettings(bool IssuesKeys, int ActivationLimit)
{
    public const int MaxActivationLimit = 10_000;

    public static LicenseSettings Default { get; } = new(false, 1);

    public static bool IsValidLimit(long limit) => limit is >= 1 and <= MaxActivationLimit;

    public string Describe() => IssuesKeys ? $"issues keys, {ActivationLimit} activation(s) each" : "issues no keys";
}

/// <summary>One row of a product's issued keys, for the admin.</summary>
public sealed record IssuedKeyRow(Guid Id, string Key, long OrderNumber, string BuyerEmail, DateTime IssuedAt, int Activations,
    Core.Content.LicenseKeyState State, string? RevokedReason);

/// <summary>Reads and changes products' licence settings and their issued keys; every change is staged with its audit entry.</summary>
public sealed class LicenseTerms(StorefrontDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<LicenseSettings> ForAsync(Guid productId, CancellationToken cancellationToken) =>
        await db.Set<LicensedProduct>().AsNoTracking().Where(p => p.ProductId == productId)
            .Select(p => new LicenseSettings(p.IssuesKeys, p.ActivationLimit)).FirstOrDefaultAsync(cancellationToken) ?? LicenseSettings.Default;

    public async Task<IReadOnlyDictionary<Guid, LicenseSettings>> AllAsync(CancellationToken cancellationToken) =>
        await db.Set<LicensedProduct>().AsNoTracking().ToDictionaryAsync(p => p.ProductId, p => new LicenseSettings(p.IssuesKeys, p.ActivationLimit), cancellationToken);

    /// <summary>Stages the settings and their audit entry; returns whether anything changed (an unchanged save records nothing).</summary>
    public async Task<bool> StageAsync(Guid productId, string productSlug, LicenseSettings settings, CancellationToken cancellationToken)
    {
        var row = await db.Set<LicensedProduct>().FirstOrDefaultAsync(p => p.ProductId == productId, cancellationToken);
        if (row is not null && row.IssuesKeys == settings.IssuesKeys && row.ActivationLimit == settings.ActivationLimit)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            row = new LicensedProduct { ProductId = productId, UpdatedAt = now };
            db.Add(row);
        }

        row.IssuesKeys = settings.IssuesKeys;
        row.ActivationLimit = settings.ActivationLimit;
        row.UpdatedAt = now;
        audit.Record("licenses.settings-changed", "product " + productSlug, settings.Describe());
        return true;
    }

    public async Task<IReadOnlyList<IssuedKeyRow>> IssuedAsync(Guid productId, int take, CancellationToken cancellationToken) =>
        (await db.Set<LicenseKey>().AsNoTracking().Where(k => k.ProductId == productId).OrderByDescending(k => k.IssuedAt).ThenByDescending(k => k.Id)
            .Take(take).ToListAsync(cancellationToken))
        .Select(k => new IssuedKeyRow(k.Id, k.Key, k.OrderNumber, k.BuyerEmail, k.IssuedAt, k.Activations, k.State, k.RevokedReason)).ToList();

    public Task<int> CountIssuedAsync(Guid productId, CancellationToken cancellationToken) =>
        db.Set<LicenseKey>().CountAsync(k => k.ProductId == productId, cancellationToken);

    /// <summary>Revokes one of the product's keys for good, with its audit entry, in one transaction; false when it was revoked already or is not the product's.</summary>
    public async Task<bool> RevokeAsync(Guid productId, Guid keyId, CancellationToken cancellationToken)
    {
        var key = await db.Set<LicenseKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Id == keyId && k.ProductId == productId, cancellationToken);
        if (key is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var revoked = await db.Set<LicenseKey>().Where(k => k.Id == keyId && k.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now).SetProperty(k => k.RevokedReason, "revoked by the seller"),
                    cancellationToken);
            if (revoked == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            audit.Record("license.revoked", $"order {key.OrderNumber}", $"{key.ProductTitle}, key {LicenseKeyFormat.Masked(key.Key)}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
    }
}
