using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Catalog.Taxonomies;

/// <summary>The category and tag pages for <c>/sitemap.xml</c>: every term has a public page, categories first.</summary>
internal static class TaxonomySitemap
{
    public static async Task<List<(string Path, DateTime UpdatedAt)>> EntriesAsync(StorefrontDbContext db, CancellationToken cancellationToken) =>
        [.. (await db.Set<TaxonomyTerm>().AsNoTracking().Select(t => new { t.Kind, t.Slug, t.UpdatedAt }).ToListAsync(cancellationToken))
            .OrderBy(t => t.Kind == TermKinds.Category ? 0 : 1).ThenBy(t => t.Slug, StringComparer.Ordinal)
            .Select(t => (TermKinds.PathOf(t.Kind, t.Slug), t.UpdatedAt))];
}
