using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Content;
using Storefront.Core.Data;

namespace Storefront.Catalog.Services;

/// <summary>Catalog's products as other modules see them (<see cref="ICatalogProducts"/>), and the dashboard's catalogue counts.</summary>
public sealed class CatalogProducts(StorefrontDbContext db) : ICatalogProducts
{
    public async Task<ProductSnapshot?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Set<Product>().AsNoTracking().Where(p => p.Id == id).Select(Projection).FirstOrDefaultAsync(cancellationToken);

    public async Task<ProductSnapshot?> FindBySlugAsync(string slug, CancellationToken cancellationToken) =>
        await db.Set<Product>().AsNoTracking().Where(p => p.Slug == slug).Select(Projection).FirstOrDefaultAsync(cancellationToken);

    public async Task<ProductSnapshot?> FindPublishedAsync(string slug, CancellationToken cancellationToken) =>
        await db.Set<Product>().AsNoTracking().Where(p => p.Slug == slug && p.Published && p.ArchivedAt == null)
            .Select(Projection).FirstOrDefaultAsync(cancellationToken);

    public async Task<(int Products, int Published)> CountAsync(CancellationToken cancellationToken) =>
        (await db.Set<Product>().CountAsync(cancellationToken), await db.Set<Product>().CountAsync(p => p.Published, cancellationToken));

    public static ProductSnapshot Of(Product p) =>
        new(p.Id, p.Slug, p.Title, p.PriceMinor, p.Currency, p.MasterKey, p.MasterFileName, p.DownloadUses, p.DownloadExpiryHours, p.ExternalUrl);

    private static readonly System.Linq.Expressions.Expression<Func<Product, ProductSnapshot>> Projection = p =>
        new ProductSnapshot(p.Id, p.Slug, p.Title, p.PriceMinor, p.Currency, p.MasterKey, p.MasterFileName, p.DownloadUses, p.DownloadExpiryHours, p.ExternalUrl);
}
