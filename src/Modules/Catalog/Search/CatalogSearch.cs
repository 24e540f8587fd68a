using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Catalog.Search;

/// <summary>A product or page that matched, with what the results list shows.</summary>
public sealed record SearchResult(string Kind, Guid Id, string Slug, string Title, string Text, int Score)
{
    public string Url => Kind == SlugRedirectKinds.Product ? "/products/" + Slug : "/pages/" + Slug;
}

/// <summary>
/// Search over the catalogue for the storefront and the admin lists. Every word of the query must be found (in a title
/// or a text); a word in a title weighs three, in the text one; equal scores are ordered by title, then address, so
/// SQLite and PostgreSQL give the same list in the same order.
/// </summary>
public sealed class CatalogSearch(StorefrontDbContext db)
{
    public const int TitleWeight = 3;

    /// <summary>The most the storefront search lists, a page at a time; past that a visitor narrows the query.</summary>
    public const int MaxResults = 500;

    /// <summary>The admin lists page through everything that matches.</summary>
    private const int MaxAdminResults = 1000;

    /// <summary>Published products on sale and published pages.</summary>
    public Task<IReadOnlyList<SearchResult>> PublishedAsync(string? query, CancellationToken cancellationToken) =>
        SearchAsync(query, publishedOnly: true, MaxResults, cancellationToken);

    /// <summary>Every product and page, whatever its state, for the admin lists.</summary>
    public Task<IReadOnlyList<SearchResult>> EverythingAsync(string? query, CancellationToken cancellationToken) =>
        SearchAsync(query, publishedOnly: false, MaxAdminResults, cancellationToken);

    private async Task<IReadOnlyList<SearchResult>> SearchAsync(string? query, bool publishedOnly, int limit, CancellationToken cancellationToken)
    {
        var terms = SearchText.Terms(query);
        var scores = Score(await SearchIndex.FindAsync(db, terms, cancellationToken), terms.Count);
        if (scores.Count == 0)
        {
            return [];
        }

        var ids = scores.Keys.ToList();
        var products = await db.Set<Product>().AsNoTracking()
            .Where(p => ids.Contains(p.Id) && (!publishedOnly || (p.Published && p.ArchivedAt == null)))
            .Select(p => new SearchResult(SlugRedirectKinds.Product, p.Id, p.Slug, p.Title, p.SeoDescription ?? p.Description, 0))
            .ToListAsync(cancellationToken);
        var pages = await db.Set<ContentPage>().AsNoTracking()
            .Where(p => ids.Contains(p.Id) && (!publishedOnly || p.Published))
            .Select(p => new SearchResult(SlugRedirectKinds.Page, p.Id, p.Slug, p.Title, p.SeoDescription ?? p.Body, 0))
            .ToListAsync(cancellationToken);
        return [.. products.Concat(pages)
            .Select(r => r with { Score = scores[r.Id] })
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Title, StringComparer.Ordinal)
            .ThenBy(r => r.Kind, StringComparer.Ordinal)
            .ThenBy(r => r.Slug, StringComparer.Ordinal)
            .Take(limit)];
    }

    /// <summary>The score of each document that holds every term.</summary>
    private static Dictionary<Guid, int> Score(List<SearchHit> hits, int termCount) =>
        hits.GroupBy(h => h.ItemId)
            .Where(g => g.Select(h => h.Term).Distinct().Count() == termCount)
            .ToDictionary(g => g.Key, g => g.GroupBy(h => h.Term).Sum(t => (t.Any(h => h.InTitle) ? TitleWeight : 0) + (t.Any(h => !h.InTitle) ? 1 : 0)));
}
