using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Storefront.Catalog.Findability;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Catalog.Taxonomies;
using Storefront.Core.Caching;
using Storefront.Core.Content;
using Storefront.Core.Settings;

namespace Storefront.Catalog.Pages.Terms;

/// <summary><c>/categories/{slug}</c> (with the products of its sub-categories) and <c>/tags/{slug}</c>.</summary>
[OutputCache(PolicyName = PageCache.PolicyName)]
public sealed class ShowModel(TaxonomyCatalog catalog, MarkdownRenderer markdown, IOptions<SiteOptions> site, IImageLibrary images) : PageModel
{
    public TaxonomyTerm Term { get; private set; } = null!;

    public string DescriptionHtml { get; private set; } = "";

    public SeoHead Seo { get; private set; } = null!;

    public ProductGrid Grid { get; private set; } = null!;

    /// <summary>A category's parents, from the top of the tree down.</summary>
    public IReadOnlyList<TaxonomyTerm> Ancestors { get; private set; } = [];

    public IReadOnlyList<TaxonomyTerm> Children { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string kind, string slug, [FromServices] SlugRedirects redirects, CancellationToken cancellationToken)
    {
        var termKind = kind == "categories" ? TermKinds.Category : TermKinds.Tag;
        if (!Slugs.IsValid(slug) || await catalog.FindAsync(termKind, slug, cancellationToken) is not { } term)
        {
            return Slugs.IsValid(slug) && await redirects.CurrentSlugAsync(termKind, slug, cancellationToken) is { } current
                ? RedirectPermanent(TermKinds.PathOf(termKind, current))
                : NotFound();
        }

        Term = term;
        if (termKind == TermKinds.Category)
        {
            var all = (await catalog.ListAsync(TermKinds.Category, cancellationToken)).ToDictionary(t => t.Id);
            var ancestors = new List<TaxonomyTerm>();
            for (var up = term.ParentId; up is { } id && all.TryGetValue(id, out var parent) && !ancestors.Contains(parent) && parent.Id != term.Id; up = parent.ParentId)
            {
                ancestors.Insert(0, parent);
            }

            Ancestors = ancestors;
            Children = [.. all.Values.Where(t => t.ParentId == term.Id).OrderBy(t => t.Position).ThenBy(t => t.Name)];
        }

        var products = await catalog.PublishedInAsync(termKind == TermKinds.Category ? term : null, termKind == TermKinds.Tag ? term : null, cancellationToken);
        Grid = await ProductGrid.OfAsync(products, images, cancellationToken);
        DescriptionHtml = markdown.ToHtml(term.Description);
        var summary = term.Description.Length > 0 ? markdown.ToPlainText(term.Description)
            : $"{term.Name}: {products.Count} product{(products.Count == 1 ? "" : "s")} you can download right after paying.";
        Seo = SeoHead.For(term, term.Name, summary, site.Value.OriginFor(Request), term.Path, null, "website");
        return Page();
    }
}
