using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Catalog.Pages.Admin.Pages;

[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
public sealed class IndexModel(StorefrontDbContext db) : PageModel
{
    public List<ContentPage> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await db.Set<ContentPage>().AsNoTracking().OrderBy(p => p.NavigationOrder).ThenBy(p => p.Title).ToListAsync(cancellationToken);
}
