using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Catalog.Services;

/// <summary>Read side of the catalogue for the storefront. Always reads the database: no cache can go stale.</summary>
public sealed class ProductCatalog(StorefrontDbContext db)
{
    public Task<List<Product>> ListPublishedAsync(CancellationToken cancellationToken = default) =>
        db.Set<Product>().AsNoTracking().Where(p => p.Published && p.ArchivedAt == null).OrderBy(p => p.Title).ToListAsync(cancellationToken);

    /// <summary>The products inside a bundle in their listed order, whatever their state (the page links only those on sale).</summary>
    public async Task<List<Product>> ContentsAsync(Guid bundleId, CancellationToken cancellationToken = default)
    {
        var items = await db.Set<BundleItem>().AsNoTracking().Where(b => b.BundleId == bundleId).OrderBy(b => b.Position)
            .Select(b => b.ItemId).ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            // Most products are not bundles: no second query for them.
            return [];
        }

        var products = await db.Set<Product>().AsNoTracking().Where(p => items.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        return [.. items.Where(products.ContainsKey).Select(id => products[id])];
    }

    public Task<Product?> FindPublishedAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug && p.Published && p.ArchivedAt == null, cancellationToken);
}
