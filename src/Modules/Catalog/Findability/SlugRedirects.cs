using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Catalog.Taxonomies;
using Storefront.Core.Data;

namespace Storefront.Catalog.Findability;

/// <summary>Where an old address of a product, page, category or tag now lives (see <see cref="SlugRedirect"/>).</summary>
public sealed class SlugRedirects(StorefrontDbContext db)
{
    /// <summary>The current slug of the published item that once answered at <paramref name="slug"/>, or null.</summary>
    public async Task<string?> CurrentSlugAsync(string kind, string slug, CancellationToken cancellationToken)
    {
        var itemId = await db.Set<SlugRedirect>().AsNoTracking().Where(r => r.Kind == kind && r.OldSlug == slug)
            .Select(r => (Guid?)r.ItemId).FirstOrDefaultAsync(cancellationToken);
        if (itemId is not { } id)
        {
            return null;
        }

        return kind switch
        {
            SlugRedirectKinds.Product => await db.Set<Product>().AsNoTracking().Where(p => p.Id == id && p.Published && p.ArchivedAt == null)
                .Select(p => p.Slug).FirstOrDefaultAsync(cancellationToken),
            SlugRedirectKinds.Page => await db.Set<ContentPage>().AsNoTracking().Where(p => p.Id == id && p.Published).Select(p => p.Slug).FirstOrDefaultAsync(cancellationToken),
            _ => await db.Set<TaxonomyTerm>().AsNoTracking().Where(t => t.Id == id && t.Kind == kind).Select(t => t.Slug).FirstOrDefaultAsync(cancellationToken),
        };
    }
}
