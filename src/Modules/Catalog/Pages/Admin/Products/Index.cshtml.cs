using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Catalog.Search;
using Storefront.Core.Data;
using Storefront.Core.Display;

namespace Storefront.Catalog.Pages.Admin.Products;

[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
public sealed class IndexModel(StorefrontDbContext db, CatalogSearch search) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = Pagination.Query)]
    public int PageNumber { get; set; } = 1;

    public List<Product> Products { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount { get; private set; } = 1;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var products = db.Set<Product>().AsNoTracking();
        var rank = new Dictionary<Guid, int>();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            // Words anywhere in the text, ranked as the storefront ranks them, plus the part of a title or slug typed so far.
            rank = AdminSearch.Rank(await search.EverythingAsync(Query, cancellationToken), SlugRedirectKinds.Product);
            var ids = rank.Keys.ToList();
            var term = Query.Trim().ToLowerInvariant();
            products = products.Where(p => ids.Contains(p.Id) || p.Title.ToLower().Contains(term) || p.Slug.Contains(term));
        }

        products = Status switch
        {
            "draft" => products.Where(p => !p.Published && p.ArchivedAt == null),
            "published" => products.Where(p => p.Published && p.ArchivedAt == null),
            "archived" => products.Where(p => p.ArchivedAt != null),
            _ => products,
        };
        Total = await products.CountAsync(cancellationToken);
        var window = PageWindow.Of(Total, PageNumber, PageSize);
        (PageNumber, PageCount) = (window.Page, window.PageCount);
        Products = rank.Count == 0
            ? await products.OrderBy(p => p.Title).Skip(window.Skip).Take(window.Size).ToListAsync(cancellationToken)
            : [.. AdminSearch.Order(await products.ToListAsync(cancellationToken), rank, p => p.Id, p => p.Title).Skip(window.Skip).Take(window.Size)];
    }

    public string StatusOf(Product product) => product.ArchivedAt is not null ? "Archived" : product.Published ? "Published" : "Draft";

    // By title, not by date: the ways back and on are "Previous" and "Next".
    public Pagination Pagination => new("Pages of products", PageNumber, PageCount,
        page => Pagination.Href(Url, page, new { q = Query, status = Status }), Previous: "Previous", Next: "Next");
}
