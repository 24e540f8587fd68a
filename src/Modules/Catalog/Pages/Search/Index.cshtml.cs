using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Storefront.Catalog.Search;
using Storefront.Core.Caching;

namespace Storefront.Catalog.Pages.Search;

/// <summary><c>GET /search?q=…</c>: published products and pages holding every word of the query.</summary>
// The shared page policy ignores query strings; here the query is the page.
[OutputCache(PolicyName = PageCache.PolicyName, VaryByQueryKeys = ["q"])]
public sealed class IndexModel(CatalogSearch search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<SearchResult> Results { get; private set; } = [];

    /// <summary>Whether the query held any word worth looking for (not only punctuation or words such as "the").</summary>
    public bool HasTerms { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        HasTerms = SearchText.Terms(Query).Count > 0;
        Results = await search.PublishedAsync(Query, cancellationToken);
    }
}
