using Storefront.Catalog.Models;
using Storefront.Core.Content;

namespace Storefront.Catalog.Taxonomies;

/// <summary>The storefront's grid of product cards, as the home page and the category and tag pages show it.</summary>
public sealed record ProductGrid(IReadOnlyList<Product> Products, IReadOnlyDictionary<string, ResponsiveImage> Covers)
{
    public static async Task<ProductGrid> OfAsync(IReadOnlyList<Product> products, IImageLibrary images, CancellationToken cancellationToken) =>
        new(products, await images.ResponsiveAsync([.. products.Where(p => p.CoverKey != null).Select(p => p.CoverKey!).Distinct()], cancellationToken));
}
