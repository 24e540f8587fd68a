using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Catalog.Search;
using Storefront.Core.Data;

namespace Storefront.Catalog.Pages.Admin.Pages;

[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
public sealed class IndexModel(StorefrontDbContext db, CatalogSearch search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public List<ContentPage> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var pages = db.Set<ContentPage>().AsNoTracking();
        if (string.IsNullOrWhiteSpace(Query))
        {
            Items = await pages.OrderBy(p => p.NavigationOrder).ThenBy(p => p.Title).ToListAsync(cancellationToken);
            return;
        }

        var rank = AdminSearch.Rank(await search.EverythingAsync(Query, cancellationToken), SlugRedirectKinds.Page);
        var ids = rank.Keys.ToList();
        var term = Query.Trim().ToLowerInvariant();
        Items = [.. AdminSearch.Order(await pages.Where(p => ids.Contains(p.Id) || p.Title.ToLower().Contains(term) || p.Slug.Contains(term))
            .ToListAsync(cancellationToken), rank, p => p.Id, p => p.Title)];
    }
}
