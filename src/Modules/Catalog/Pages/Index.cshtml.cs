using Microsoft.AspNetCore.OutputCaching;
using Storefront.Core.Caching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Catalog.Templates;
using Storefront.Core.Templates;

namespace Storefront.Catalog.Pages;

[OutputCache(PolicyName = PageCache.PolicyName)]
public sealed class IndexModel(ProductCatalog catalog, ITemplateRenderer templates) : PageModel
{
    public IReadOnlyList<Product> Products { get; private set; } = [];

    /// <summary>The editor's <c>home.intro</c> template rendered; null (the built-in) shows no introduction.</summary>
    public string? IntroHtml { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Products = await catalog.ListPublishedAsync(cancellationToken);
        IntroHtml = await templates.RenderAsync(CatalogTemplates.HomeIntro, HomeTemplateModel.Of(Products), cancellationToken);
    }
}
