using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Content;
using Storefront.Core.Data;

namespace Storefront.Catalog.Services;

/// <summary>Catalog's products as other modules see them (<see cref="ICatalogProducts"/>), and the dashboard's catalogue counts.</summary>
public sealed class CatalogProducts(StorefrontDbContext db) : ICatalogProducts
{
    public async Task<ProductSnapshot?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await WithContentsAsync(await db.Set<Product>().AsNoTracking().Where(p => p.Id == id).Select(Projection).FirstOrDefaultAsync(cancellationToken),
            cancellationToken);

    public async Task<ProductSnapshot?> FindBySlugAsync(string slug, CancellationToken cancellationToken) =>
        await db.Set<Product>().AsNoTracking().Where(p => p.Slug == slug).Select(Projection).FirstOrDefaultAsync(cancellationToken);

    public async Task<ProductSnapshot?> FindPublishedAsync(string slug, CancellationToken cancellationToken) =>
        await WithContentsAsync(await db.Set<Product>().AsNoTracking().Where(p => p.Slug == slug && p.Published && p.ArchivedAt == null)
            .Select(Projection).FirstOrDefaultAsync(cancellationToken), cancellationToken);

    /// <summary>The ids of the products inside a bundle, in their listed order; empty for a product that is not one.</summary>
    public async Task<IReadOnlyList<Guid>> BundleContentsAsync(Guid bundleId, CancellationToken cancellationToken) =>
        await db.Set<BundleItem>().AsNoTracking().Where(b => b.BundleId == bundleId).OrderBy(b => b.Position)
            .Select(b => b.ItemId).ToListAsync(cancellationToken);

    private async Task<ProductSnapshot?> WithContentsAsync(ProductSnapshot? snapshot, CancellationToken cancellationToken) =>
        snapshot is null ? null : snapshot with { BundleItems = await BundleContentsAsync(snapshot.Id, cancellationToken) };

    public async Task<(int Products, int Published)> CountAsync(CancellationToken cancellationToken) =>
        (await db.Set<Product>().CountAsync(cancellationToken), await db.Set<Product>().CountAsync(p => p.Published, cancellationToken));

    /// <summary>The snapshot of a loaded product; <paramref name="bundleItems"/> are its contents when it is a bundle.</summary>
    public static ProductSnapshot Of(Product p, IReadOnlyList<Guid>? bundleItems = null) =>
        Snapshot(p) with { BundleItems = bundleItems ?? [] };

    private static readonly System.Linq.Expressions.Expression<Func<Product, ProductSnapshot>> Projection = p =>
        new ProductSnapshot(p.Id, p.Slug, p.Title, p.PriceMinor, p.Currency, p.MasterKey, p.MasterFileName, p.DownloadUses, p.DownloadExpiryHours, p.ExternalUrl)
        {
            PayWhatYouWant = p.PayWhatYouWant,
            MinimumPriceMinor = p.MinimumPriceMinor,
            SuggestedPriceMinor = p.SuggestedPriceMinor,
            StockLeft = p.StockLeft,
            Version = p.LiveVersion,
            StampPrivacy = p.StampPrivacy,
        };

    // Declared after the expression it compiles: static fields initialise in textual order.
    private static readonly Func<Product, ProductSnapshot> Snapshot = Projection.Compile();
}
