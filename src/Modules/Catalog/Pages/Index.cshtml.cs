using Microsoft.AspNetCore.OutputCaching;
using Storefront.Core.Caching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Core.Content;

namespace Storefront.Catalog.Pages;

[OutputCache(PolicyName = PageCache.PolicyName)]
public sealed class IndexModel(ProductCatalog catalog, IImageLibrary images) : PageModel
{
    public IReadOnlyList<Product> Products { get; private set; } = [];

    public IReadOnlyDictionary<string, ResponsiveImage> Covers { get; private set; } = new Dictionary<string, ResponsiveImage>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Products = await catalog.ListPublishedAsync(cancellationToken);
        Covers = await images.ResponsiveAsync([.. Products.Where(p => p.CoverKey != null).Select(p => p.CoverKey!).Distinct()], cancellationToken);
    }
}
