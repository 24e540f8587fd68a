using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Catalog.Taxonomies;

/// <summary>Read side of categories and tags, for the storefront and the admin. Always reads the database.</summary>
public sealed class TaxonomyCatalog(StorefrontDbContext db)
{
    public Task<List<TaxonomyTerm>> ListAsync(string kind, CancellationToken cancellationToken) =>
        db.Set<TaxonomyTerm>().AsNoTracking().Where(t => t.Kind == kind).OrderBy(t => t.Position).ThenBy(t => t.Name).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<(TaxonomyTerm Term, int Depth)>> CategoryTreeAsync(CancellationToken cancellationToken) =>
        TaxonomyTree.Flatten(await ListAsync(TermKinds.Category, cancellationToken));

    public Task<TaxonomyTerm?> FindAsync(string kind, string slug, CancellationToken cancellationToken) =>
        db.Set<TaxonomyTerm>().AsNoTracking().FirstOrDefaultAsync(t => t.Kind == kind && t.Slug == slug, cancellationToken);

    /// <summary>The categories and tags a product belongs to, categories first.</summary>
    public async Task<List<TaxonomyTerm>> OfProductAsync(Guid productId, CancellationToken cancellationToken) =>
        [.. (await db.Set<TaxonomyTerm>().AsNoTracking()
            .Where(t => db.Set<ProductTerm>().Any(l => l.ProductId == productId && l.TermId == t.Id))
            .ToListAsync(cancellationToken))
            .OrderBy(t => t.Kind == TermKinds.Category ? 0 : 1).ThenBy(t => t.Position).ThenBy(t => t.Name)];

    /// <summary>
    /// The published products in every given term (a category counts with everything beneath it), by title. A null term
    /// does not narrow the list.
    /// </summary>
    public async Task<List<Product>> PublishedInAsync(TaxonomyTerm? category, TaxonomyTerm? tag, CancellationToken cancellationToken)
    {
        var products = db.Set<Product>().AsNoTracking().Where(p => p.Published && p.ArchivedAt == null);
        if (category is not null)
        {
            var ids = TaxonomyTree.SelfAndDescendants(category.Id, await ListAsync(TermKinds.Category, cancellationToken)).ToList();
            products = products.Where(p => db.Set<ProductTerm>().Any(l => l.ProductId == p.Id && ids.Contains(l.TermId)));
        }

        if (tag is not null)
        {
            products = products.Where(p => db.Set<ProductTerm>().Any(l => l.ProductId == p.Id && l.TermId == tag.Id));
        }

        return await products.OrderBy(p => p.Title).ToListAsync(cancellationToken);
    }
}
