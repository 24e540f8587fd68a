namespace Storefront.Catalog.Taxonomies;

/// <summary>
/// The product list's filter by category and tag from the query string (<c>?category=…&amp;tag=…</c>). An unknown slug
/// is named to the visitor and ignored, so a stale link still shows products.
/// </summary>
public sealed class TermFilter
{
    public IReadOnlyList<(TaxonomyTerm Term, int Depth)> Categories { get; private init; } = [];

    public IReadOnlyList<TaxonomyTerm> Tags { get; private init; } = [];

    public TaxonomyTerm? Category { get; private init; }

    public TaxonomyTerm? Tag { get; private init; }

    public IReadOnlyList<string> Problems { get; private init; } = [];

    public bool IsActive => Category is not null || Tag is not null;

    public static async Task<TermFilter> ReadAsync(TaxonomyCatalog catalog, string? category, string? tag, CancellationToken cancellationToken)
    {
        var categories = await catalog.CategoryTreeAsync(cancellationToken);
        var tags = await catalog.ListAsync(TermKinds.Tag, cancellationToken);
        var problems = new List<string>();
        var chosenCategory = Choose(category, categories.Select(c => c.Term), "category", problems);
        var chosenTag = Choose(tag, tags, "tag", problems);
        return new TermFilter { Categories = categories, Tags = tags, Category = chosenCategory, Tag = chosenTag, Problems = problems };
    }

    private static TaxonomyTerm? Choose(string? slug, IEnumerable<TaxonomyTerm> terms, string what, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            return null;
        }

        var term = terms.FirstOrDefault(t => t.Slug == slug.Trim());
        if (term is null)
        {
            problems.Add($"There is no {what} “{(slug.Length > 60 ? slug[..60] + "…" : slug)}”, so the list is not narrowed by {what}.");
        }

        return term;
    }
}
