using Microsoft.AspNetCore.OutputCaching;
using Storefront.Core.Caching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;

namespace Storefront.Catalog.Pages;

[OutputCache(PolicyName = PageCache.PolicyName)]
public sealed class IndexModel(ProductCatalog catalog) : PageModel
{
    public IReadOnlyList<Product> Products { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Products = await catalog.ListPublishedAsync(cancellationToken);
}
