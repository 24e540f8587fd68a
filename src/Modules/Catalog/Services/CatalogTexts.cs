using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Content;
using Storefront.Core.Data;

namespace Storefront.Catalog.Services;

/// <summary>Catalog's descriptions and pages as other modules may quote them (<see cref="ICatalogTexts"/>).</summary>
public sealed class CatalogTexts(StorefrontDbContext db) : ICatalogTexts
{
    public async Task<string?> ProductDescriptionAsync(Guid productId, CancellationToken cancellationToken) =>
        await db.Set<Product>().AsNoTracking().Where(p => p.Id == productId).Select(p => p.Description).FirstOrDefaultAsync(cancellationToken);

    public async Task<string?> PublishedPageTextAsync(string slug, CancellationToken cancellationToken) =>
        await db.Set<ContentPage>().AsNoTracking().Where(p => p.Slug == slug && p.Published).Select(p => p.Body).FirstOrDefaultAsync(cancellationToken);
}
