using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Storefront.Catalog.Search;
using Storefront.Core.Caching;
using Storefront.Core.Display;

namespace Storefront.Catalog.Pages.Search;

/// <summary><c>GET /search?q=…</c>: published products and pages holding every word of the query.</summary>
// The shared page policy ignores query strings; here the query is the page.
[OutputCache(PolicyName = PageCache.PolicyName, VaryByQueryKeys = ["q", "p"])]
public sealed class IndexModel(CatalogSearch search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public const int PageSize = 20;

    /// <summary>The page of results asked for; one past either end shows the nearest page that exists.</summary>
    [BindProperty(SupportsGet = true, Name = Pagination.Query)]
    public int PageNumber { get; set; } = 1;

    /// <summary>This page's results.</summary>
    public IReadOnlyList<SearchResult> Results { get; private set; } = [];

    /// <summary>Every result on every page.</summary>
    public int Total { get; private set; }

    public int PageCount { get; private set; } = 1;

    /// <summary>The position of this page's first result among all of them, from 1.</summary>
    public int First => ((PageNumber - 1) * PageSize) + 1;

    /// <summary>Whether the query held any word worth looking for (not only punctuation or words such as "the").</summary>
    public bool HasTerms { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        HasTerms = SearchText.Terms(Query).Count > 0;
        var all = await search.PublishedAsync(Query, cancellationToken);
        Total = all.Count;
        var window = PageWindow.Of(Total, PageNumber, PageSize);
        (PageNumber, PageCount) = (window.Page, window.PageCount);
        Results = [.. all.Skip(window.Skip).Take(window.Size)];
    }

    public string? PageLink(int number) => Url.Page(null, new { q = Query, p = number });
}
