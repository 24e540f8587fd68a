using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Audit;
using Storefront.Core.Data;

namespace Storefront.Catalog.Versions;

/// <summary>An editor's publish and unpublish times for a product; <see cref="ProductScheduler"/> applies them.</summary>
public sealed class ProductSchedules(StorefrontDbContext db, AuditLog audit)
{
    public Task<ProductSchedule?> FindAsync(Guid productId, CancellationToken cancellationToken) =>
        db.Set<ProductSchedule>().AsNoTracking().FirstOrDefaultAsync(s => s.ProductId == productId, cancellationToken);

    /// <summary>Sets both times (null clears one); a product with neither keeps no row.</summary>
    public async Task SetAsync(Product product, DateTime? publishAt, DateTime? unpublishAt, CancellationToken cancellationToken)
    {
        var schedule = await db.Set<ProductSchedule>().FirstOrDefaultAsync(s => s.ProductId == product.Id, cancellationToken);
        if (publishAt is null && unpublishAt is null)
        {
            if (schedule is not null)
            {
                db.Remove(schedule);
            }
        }
        else
        {
            schedule ??= db.Add(new ProductSchedule { ProductId = product.Id }).Entity;
            schedule.PublishAt = publishAt;
            schedule.UnpublishAt = unpublishAt;
        }

        audit.Record("product.scheduled", "product " + product.Slug,
            $"publish at {publishAt?.ToString("u") ?? "none"}, unpublish at {unpublishAt?.ToString("u") ?? "none"}");
        await db.SaveChangesAsync(cancellationToken);
    }
}
