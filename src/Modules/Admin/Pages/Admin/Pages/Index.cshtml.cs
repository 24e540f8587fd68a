using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Core.Security;

namespace Storefront.Admin.Pages.Admin.Pages;

[Authorize(Policy = nameof(AdminPermissions.ManageContent))]
public sealed class IndexModel(StorefrontDbContext db) : PageModel
{
    public List<ContentPage> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await db.Set<ContentPage>().AsNoTracking().OrderBy(p => p.NavigationOrder).ThenBy(p => p.Title).ToListAsync(cancellationToken);
}
