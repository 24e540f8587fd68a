using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Core.Security;
using Storefront.Operations.Dashboard;

namespace Storefront.Operations.Pages.Admin;

/// <summary>
/// <c>/admin</c>: everyone with an admin role lands here. Money is shown only to those who may see orders;
/// editors get the catalogue's figures and their shortcuts instead of a 403 on their own home page.
/// </summary>
[Authorize(Policy = AdminPermissions.AdminArea)]
public sealed class IndexModel(DashboardFigures figures, StorefrontDbContext db, IAuthorizationService authorization) : PageModel
{
    public Dashboard.Dashboard? Figures { get; private set; }

    public string? Chart { get; private set; }

    public int Products { get; private set; }

    public int Published { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Products = await db.Set<Product>().CountAsync(cancellationToken);
        Published = await db.Set<Product>().CountAsync(p => p.Published, cancellationToken);
        if ((await authorization.AuthorizeAsync(User, nameof(AdminPermissions.ViewOrders))).Succeeded)
        {
            Figures = await figures.LastThirtyDaysAsync(cancellationToken);
            Chart = TrendChart.Render(Figures.Days);
        }
    }
}
