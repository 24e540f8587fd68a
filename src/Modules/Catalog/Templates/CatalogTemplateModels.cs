using Storefront.Catalog.Models;
using Storefront.Catalog.Services;

namespace Storefront.Catalog.Templates;

/// <summary>
/// What a product section's template can read: a copy made for templates, so no member of the product's entity (its
/// private master file, its stock bookkeeping) is reachable from editor Liquid.
/// </summary>
public sealed record ProductTemplateModel(
    string Title, string Slug, string Url, string Price, string DescriptionHtml, string Summary, string? CoverUrl,
    bool IsBundle, bool IsSoldOut, bool IsExternal, IReadOnlyList<BundleItemTemplateModel> Contents)
{
    public static ProductTemplateModel Of(Product product, string descriptionHtml, string summary, IReadOnlyList<Product> contents) => new(
        product.Title, product.Slug, $"/products/{product.Slug}",
        product.PayWhatYouWant ? $"from {Money.Format(product.MinimumPriceMinor, product.Currency)}" : Money.Format(product.PriceMinor, product.Currency),
        descriptionHtml, summary, product.CoverKey is null ? null : $"/media/{product.CoverKey}", contents.Count > 0, product.IsSoldOut,
        product.ExternalUrl is not null, [.. contents.Select(c => new BundleItemTemplateModel(c.Title, c.IsOnSale ? $"/products/{c.Slug}" : null))]);
}

/// <summary>A product inside a bundle; <see cref="Url"/> is null for one no longer on sale.</summary>
public sealed record BundleItemTemplateModel(string Title, string? Url);

/// <summary>What the home page's introduction can read.</summary>
public sealed record HomeTemplateModel(int ProductCount, IReadOnlyList<ProductCardTemplateModel> Products)
{
    public static HomeTemplateModel Of(IReadOnlyList<Product> products) =>
        new(products.Count, [.. products.Select(p => new ProductCardTemplateModel(p.Title, $"/products/{p.Slug}", Money.Format(p.PriceMinor, p.Currency), p.IsSoldOut))]);
}

/// <summary>A product as the home page lists it.</summary>
public sealed record ProductCardTemplateModel(string Title, string Url, string Price, bool IsSoldOut);
