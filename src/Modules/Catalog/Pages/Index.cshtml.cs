using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Storefront.Core.Caching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Models;
using Storefront.Catalog.Taxonomies;
using Storefront.Catalog.Templates;
using Storefront.Core.Templates;
using Storefront.Core.Content;

namespace Storefront.Catalog.Pages;

/// <summary>The product list, narrowed by <c>?category=</c> (with its sub-categories) and <c>?tag=</c> when given.</summary>
// Each filter is its own page: the cache keeps one rendering per combination.
[OutputCache(PolicyName = PageCache.PolicyName, VaryByQueryKeys = ["category", "tag"])]
public sealed class IndexModel(TaxonomyCatalog terms, ITemplateRenderer templates, IImageLibrary images) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "category")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "tag")]
    public string? Tag { get; set; }

    public IReadOnlyList<Product> Products => Grid.Products;

    public ProductGrid Grid { get; private set; } = new([], new Dictionary<string, ResponsiveImage>());

    public TermFilter Filter { get; private set; } = null!;

    /// <summary>The editor's <c>home.intro</c> template rendered; null (the built-in) shows no introduction.</summary>
    public string? IntroHtml { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = await TermFilter.ReadAsync(terms, Category, Tag, cancellationToken);
        var products = await terms.PublishedInAsync(Filter.Category, Filter.Tag, cancellationToken);
        IntroHtml = await templates.RenderAsync(CatalogTemplates.HomeIntro, HomeTemplateModel.Of(products), cancellationToken);
        Grid = await ProductGrid.OfAsync(products, images, cancellationToken);
    }
}
