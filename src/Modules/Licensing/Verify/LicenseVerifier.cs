using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Licensing.Data;
using Storefront.Licensing.Keys;

namespace Storefront.Licensing.Verify;

/// <summary>
/// Checks a key for a product and counts its activations against the product's limit. An activation claims a slot with
/// one conditional UPDATE of the key's row (<c>activations &lt; limit</c>) before its row is written, in one transaction,
/// so however many instances ask at once on however many servers, exactly the limit get in.
/// </summary>
internal sealed class LicenseVerifier(StorefrontDbContext db, ICatalogProducts catalog, TimeProvider clock, ILogger<LicenseVerifier> logger)
{
    public async Task<VerifyAnswer> VerifyAsync(VerifyRequest request, CancellationToken cancellationToken)
    {
        var canonical = LicenseKeyFormat.Normalize(request.Key);
        var key = canonical is null ? null : await db.Set<LicenseKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Key == canonical, cancellationToken);
        // A key of another product answers as an unknown one: the API is no oracle for which keys exist.
        if (key is null || (await catalog.FindAsync(key.ProductId, cancellationToken))?.Slug != request.Product)
        {
            return new VerifyAnswer(false, "invalid", request.Product, null, null, "This key is not valid for this product.");
        }

        var limit = await db.Set<LicensedProduct>().AsNoTracking().Where(p => p.ProductId == key.ProductId)
            .Select(p => (int?)p.ActivationLimit).FirstOrDefaultAsync(cancellationToken) ?? 1;
        string? refusal = request.Action switch
        {
            VerifyAction.Activate when key.State == LicenseKeyState.Active => await ActivateAsync(key, request.Instance!, limit, cancellationToken),
            VerifyAction.Deactivate => await DeactivateAsync(key, request.Instance!, cancellationToken),
            VerifyAction.Check when request.Instance is { } instance && key.State == LicenseKeyState.Active
                && !await IsActivatedAsync(key.Id, instance, cancellationToken) => "This instance is not activated; activate it first.",
            _ => null,
        };
        var now = await db.Set<LicenseKey>().AsNoTracking().Where(k => k.Id == key.Id).Select(k => k.Activations).SingleAsync(cancellationToken);
        return key.State switch
        {
            LicenseKeyState.Revoked => new VerifyAnswer(false, "revoked", request.Product, now, limit,
                "This key was withdrawn (the order was refunded, or the seller revoked it)."),
            LicenseKeyState.Suspended => new VerifyAnswer(false, "suspended", request.Product, now, limit,
                "This key is paused while a payment dispute is open."),
            _ => new VerifyAnswer(refusal is null, "active", request.Product, now, limit, refusal),
        };
    }

    private Task<bool> IsActivatedAsync(Guid keyId, string instance, CancellationToken cancellationToken) =>
        db.Set<LicenseActivation>().AnyAsync(a => a.LicenseKeyId == keyId && a.Instance == instance, cancellationToken);

    /// <summary>Null once the instance is activated (now or before); otherwise why not.</summary>
    private async Task<string?> ActivateAsync(LicenseKey key, string instance, int limit, CancellationToken cancellationToken)
    {
        if (await IsActivatedAsync(key.Id, instance, cancellationToken))
        {
            return null;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var activated = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The claim comes first: it is the write that makes concurrent activations of one key take turns.
            var claimed = await db.Set<LicenseKey>()
                .Where(k => k.Id == key.Id && k.RevokedAt == null && k.SuspendedAt == null && k.Activations < limit)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.Activations, k => k.Activations + 1), cancellationToken);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            var activation = db.Add(new LicenseActivation { LicenseKeyId = key.Id, Instance = instance, ActivatedAt = clock.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same instance was activated by a request that committed first: its slot is the one that counts.
                activation.State = EntityState.Detached;
                await transaction.RollbackAsync(cancellationToken);
                return await IsActivatedAsync(key.Id, instance, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        });
        if (activated)
        {
            logger.LogInformation("Licence key {Key} of order {OrderNumber} activated on a new instance", LicenseKeyFormat.Masked(key.Key), key.OrderNumber);
            return null;
        }

        return $"All {limit} activation{(limit == 1 ? "" : "s")} of this key are in use. Deactivate it on another instance first.";
    }

    /// <summary>Frees the instance's slot; an instance that was not activated changes nothing, so a retry is harmless.</summary>
    private async Task<string?> DeactivateAsync(LicenseKey key, string instance, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var removed = await db.Set<LicenseActivation>().Where(a => a.LicenseKeyId == key.Id && a.Instance == instance).ExecuteDeleteAsync(cancellationToken);
            if (removed > 0)
            {
                await db.Set<LicenseKey>().Where(k => k.Id == key.Id && k.Activations > 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.Activations, k => k.Activations - 1), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        });
        return null;
    }
}
