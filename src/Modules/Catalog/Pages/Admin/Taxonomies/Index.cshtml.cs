using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Catalog.Taxonomies;
using Storefront.Core.Data;

namespace Storefront.Catalog.Pages.Admin.Taxonomies;

[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
public sealed class IndexModel(TaxonomyCatalog catalog, StorefrontDbContext db) : PageModel
{
    public IReadOnlyList<(TaxonomyTerm Term, int Depth)> Categories { get; private set; } = [];

    public IReadOnlyList<TaxonomyTerm> Tags { get; private set; } = [];

    /// <summary>Products directly in each term.</summary>
    public IReadOnlyDictionary<Guid, int> Counts { get; private set; } = new Dictionary<Guid, int>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Categories = await catalog.CategoryTreeAsync(cancellationToken);
        Tags = await catalog.ListAsync(TermKinds.Tag, cancellationToken);
        Counts = await db.Set<ProductTerm>().AsNoTracking().Where(l => db.Set<Product>().Any(p => p.Id == l.ProductId))
            .GroupBy(l => l.TermId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }
}
