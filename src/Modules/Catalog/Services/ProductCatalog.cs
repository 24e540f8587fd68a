using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Catalog.Services;

/// <summary>Read side of the catalogue for the storefront. Always reads the database: no cache can go stale.</summary>
public sealed class ProductCatalog(StorefrontDbContext db)
{
    public Task<List<Product>> ListPublishedAsync(CancellationToken cancellationToken = default) =>
        db.Set<Product>().AsNoTracking().Where(p => p.Published && p.ArchivedAt == null).OrderBy(p => p.Title).ToListAsync(cancellationToken);

    public Task<Product?> FindPublishedAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug && p.Published && p.ArchivedAt == null, cancellationToken);
}
