using Microsoft.AspNetCore.OutputCaching;
using Storefront.Core.Caching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Catalog.Templates;
using Storefront.Core.Templates;
using Storefront.Core.Content;

namespace Storefront.Catalog.Pages;

[OutputCache(PolicyName = PageCache.PolicyName)]
public sealed class IndexModel(ProductCatalog catalog, ITemplateRenderer templates, IImageLibrary images) : PageModel
{
    public IReadOnlyList<Product> Products { get; private set; } = [];

    /// <summary>The editor's <c>home.intro</c> template rendered; null (the built-in) shows no introduction.</summary>
    public string? IntroHtml { get; private set; }

    public IReadOnlyDictionary<string, ResponsiveImage> Covers { get; private set; } = new Dictionary<string, ResponsiveImage>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Products = await catalog.ListPublishedAsync(cancellationToken);
        IntroHtml = await templates.RenderAsync(CatalogTemplates.HomeIntro, HomeTemplateModel.Of(Products), cancellationToken);
        Covers = await images.ResponsiveAsync([.. Products.Where(p => p.CoverKey != null).Select(p => p.CoverKey!).Distinct()], cancellationToken);
    }
}
