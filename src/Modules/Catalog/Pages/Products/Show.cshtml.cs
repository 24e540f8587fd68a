using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Storefront.Catalog.Fields;
using Storefront.Catalog.Findability;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Catalog.Templates;
using Storefront.Core.Caching;
using Storefront.Core.Content;
using Storefront.Core.Display;
using Storefront.Core.Settings;
using Storefront.Core.Templates;

namespace Storefront.Catalog.Pages.Products;

[OutputCache(PolicyName = PageCache.PolicyName)]
public sealed class ShowModel(ProductCatalog catalog, MarkdownRenderer markdown, IOptions<SiteOptions> site, SlugRedirects redirects, ITemplateRenderer templates,
    IImageLibrary images) : PageModel
{
    public Product Product { get; private set; } = null!;

    public string DescriptionHtml { get; private set; } = "";

    public string Summary { get; private set; } = "";

    public SeoHead Seo { get; private set; } = null!;

    public ResponsiveImage? Cover { get; private set; }

    /// <summary>The cover's alt text for social previews; the title when the editor gave none.</summary>
    public string CoverAlt => Cover is { AltText.Length: > 0 } ? Cover.AltText : Product.Title;

    public string JsonLd { get; private set; } = "";

    public IReadOnlyList<Product> Contents { get; private set; } = [];

    public string? DetailsHtml { get; private set; }

    public string? AsideHtml { get; private set; }

    public IReadOnlyList<FieldDisplay> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, [FromServices] FieldDisplays fieldDisplays, CancellationToken cancellationToken)
    {
        var product = Slugs.IsValid(slug) ? await catalog.FindPublishedAsync(slug, cancellationToken) : null;
        if (product is null)
        {
            return Slugs.IsValid(slug) && await redirects.CurrentSlugAsync(SlugRedirectKinds.Product, slug, cancellationToken) is { } current
                ? RedirectPermanent("/products/" + current)
                : NotFound();
        }

        Product = product;
        Contents = await catalog.ContentsAsync(product.Id, cancellationToken);
        DescriptionHtml = markdown.ToHtml(product.Description);
        Summary = markdown.ToPlainText(product.Description);
        var sections = ProductTemplateModel.Of(product, DescriptionHtml, Summary, Contents);
        DetailsHtml = await templates.RenderAsync(CatalogTemplates.ProductDetails, sections, cancellationToken);
        AsideHtml = await templates.RenderAsync(CatalogTemplates.ProductAside, sections, cancellationToken);
        var origin = site.Value.OriginFor(Request);
        Cover = product.CoverKey is null ? null : (await images.ResponsiveAsync([product.CoverKey], cancellationToken)).GetValueOrDefault(product.CoverKey);
        Seo = SeoHead.For(product, product.Title, Summary, origin, "/products/" + product.Slug,
            product.CoverKey is null ? null : "/media/" + product.CoverKey, "product")
            with { ImageAlt = string.IsNullOrWhiteSpace(product.SocialImage) ? (product.CoverKey is null ? null : CoverAlt) : null };
        Fields = await fieldDisplays.ForAsync(ContentKinds.Product, product.Id, cancellationToken);
        var jsonLd = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Product",
            ["name"] = product.Title,
            ["description"] = Seo.Description,
            ["sku"] = product.Slug,
            ["url"] = Seo.CanonicalUrl,
            ["image"] = Seo.ImageUrl,
            ["offers"] = new Dictionary<string, object?>
            {
                ["@type"] = "Offer",
                ["price"] = Money.Decimal(product.PayWhatYouWant ? product.MinimumPriceMinor : product.PriceMinor, product.Currency),
                ["priceCurrency"] = product.Currency.ToUpperInvariant(),
                ["availability"] = product.IsSoldOut ? "https://schema.org/SoldOut" : "https://schema.org/InStock",
                ["url"] = Seo.CanonicalUrl,
            },
        };
        FieldJsonLd.AddTo(jsonLd, Fields, origin, markdown);
        JsonLd = JsonSerializer.Serialize(jsonLd);
        return Page();
    }
}
