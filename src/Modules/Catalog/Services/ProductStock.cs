using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Caching;
using Storefront.Core.Content;
using Storefront.Core.Data;

namespace Storefront.Catalog.Services;

/// <summary>
/// Limited editions: the count of units left lives on the product and only ever moves by one conditional UPDATE, so two
/// instances of the shop on one database sell exactly the units there are. Each reservation row remembers its order, which
/// makes every call idempotent per order and product.
/// </summary>
internal sealed class ProductStock(StorefrontDbContext db, TimeProvider clock, ISiteChanges changes) : IProductStock
{
    public async Task<bool> ReserveAsync(Guid productId, Guid orderId, CancellationToken cancellationToken)
    {
        var held = await db.Set<StockReservation>().AsNoTracking()
            .Where(r => r.OrderId == orderId && r.ProductId == productId).Select(r => r.State).FirstOrDefaultAsync(cancellationToken);
        if (held is not null)
        {
            return held != StockReservationStates.Released;
        }

        var limited = await db.Set<Product>().AsNoTracking().Where(p => p.Id == productId).Select(p => p.StockLeft != null).FirstOrDefaultAsync(cancellationToken);
        if (!limited)
        {
            return true;
        }

        try
        {
            return await InTransactionAsync(async () =>
            {
                // The write comes first: on SQLite it takes the lock at once (a read first could not upgrade under contention).
                var taken = await db.Set<Product>().Where(p => p.Id == productId && p.StockLeft > 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.StockLeft, p => p.StockLeft - 1), cancellationToken);
                if (taken == 0)
                {
                    return false;
                }

                db.Add(new StockReservation { OrderId = orderId, ProductId = productId, CreatedAt = clock.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync(cancellationToken);
                // The page shows how many are left, and "Sold out" after the last one.
                await changes.AnnounceAsync(SiteChangeTags.Catalogue, cancellationToken);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same order reserved concurrently: the rollback gave this unit back, and the other call holds one.
            foreach (var entry in db.ChangeTracker.Entries<StockReservation>().Where(e => e.State == EntityState.Added).ToList())
            {
                entry.State = EntityState.Detached;
            }

            return await db.Set<StockReservation>().AnyAsync(
                r => r.OrderId == orderId && r.ProductId == productId && r.State != StockReservationStates.Released, cancellationToken);
        }
    }

    public async Task ReleaseAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var held = await db.Set<StockReservation>().AsNoTracking()
            .Where(r => r.OrderId == orderId && r.State == StockReservationStates.Held).Select(r => new { r.Id, r.ProductId })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var reservation in held)
        {
            await InTransactionAsync(async () =>
            {
                // Only the call that moves the row out of "held" gives the unit back: a replayed expiry gives nothing twice.
                var released = await db.Set<StockReservation>()
                    .Where(r => r.Id == reservation.Id && r.State == StockReservationStates.Held)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, StockReservationStates.Released).SetProperty(r => r.SettledAt, now),
                        cancellationToken);
                if (released == 1)
                {
                    if (await db.Set<Product>().Where(p => p.Id == reservation.ProductId && p.StockLeft != null)
                        .ExecuteUpdateAsync(s => s.SetProperty(p => p.StockLeft, p => p.StockLeft + 1), cancellationToken) > 0)
                    {
                        await changes.AnnounceAsync(SiteChangeTags.Catalogue, cancellationToken);
                    }
                }

                return released == 1;
            }, cancellationToken);
        }
    }

    public Task ConfirmAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<StockReservation>().Where(r => r.OrderId == orderId && r.State == StockReservationStates.Held)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, StockReservationStates.Sold).SetProperty(r => r.SettledAt, now), cancellationToken);
    }

    /// <summary>Joins the caller's transaction (fulfilment, a webhook's step) or opens one of its own.</summary>
    private async Task<bool> InTransactionAsync(Func<Task<bool>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var done = await work();
            await transaction.CommitAsync(cancellationToken);
            return done;
        });
    }
}
