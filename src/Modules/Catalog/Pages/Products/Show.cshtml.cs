using Microsoft.AspNetCore.OutputCaching;
using Storefront.Core.Caching;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Core.Content;
using Storefront.Core.Settings;
using Microsoft.Extensions.Options;

namespace Storefront.Catalog.Pages.Products;

[OutputCache(PolicyName = PageCache.PolicyName)]
public sealed class ShowModel(ProductCatalog catalog, MarkdownRenderer markdown, IOptions<SiteOptions> site, IImageLibrary images) : PageModel
{
    public Product Product { get; private set; } = null!;

    public string DescriptionHtml { get; private set; } = "";

    public string Summary { get; private set; } = "";

    public string CanonicalUrl { get; private set; } = "";

    public string? CoverUrl { get; private set; }

    public ResponsiveImage? Cover { get; private set; }

    /// <summary>The cover's alt text for social previews; the title when the editor gave none.</summary>
    public string CoverAlt => Cover is { AltText.Length: > 0 } ? Cover.AltText : Product.Title;

    public string JsonLd { get; private set; } = "";

    public IReadOnlyList<Product> Contents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var product = Slugs.IsValid(slug) ? await catalog.FindPublishedAsync(slug, cancellationToken) : null;
        if (product is null)
        {
            return NotFound();
        }

        Product = product;
        Contents = await catalog.ContentsAsync(product.Id, cancellationToken);
        DescriptionHtml = markdown.ToHtml(product.Description);
        Summary = markdown.ToPlainText(product.Description);
        var origin = site.Value.OriginFor(Request);
        CanonicalUrl = $"{origin}/products/{product.Slug}";
        CoverUrl = product.CoverKey is null ? null : $"{origin}/media/{product.CoverKey}";
        Cover = product.CoverKey is null ? null : (await images.ResponsiveAsync([product.CoverKey], cancellationToken)).GetValueOrDefault(product.CoverKey);
        JsonLd = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Product",
            ["name"] = product.Title,
            ["description"] = Summary,
            ["sku"] = product.Slug,
            ["url"] = CanonicalUrl,
            ["image"] = CoverUrl,
            ["offers"] = new Dictionary<string, object?>
            {
                ["@type"] = "Offer",
                ["price"] = Money.Decimal(product.PayWhatYouWant ? product.MinimumPriceMinor : product.PriceMinor, product.Currency),
                ["priceCurrency"] = product.Currency.ToUpperInvariant(),
                ["availability"] = product.IsSoldOut ? "https://schema.org/SoldOut" : "https://schema.org/InStock",
                ["url"] = CanonicalUrl,
            },
        });
        return Page();
    }
}
