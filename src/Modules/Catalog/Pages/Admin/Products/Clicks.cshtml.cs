using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.External;

namespace Storefront.Catalog.Pages.Admin.Products;

/// <summary><c>/admin/products/clicks</c>: how many visitors each external product sent to its shop, per day.</summary>
[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
public sealed class ClicksModel(ProductClicks clicks) : PageModel
{
    public List<DailyClicks> Days { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Days = await clicks.DailyAsync(cancellationToken);
}
