using Storefront.Catalog.Models;

namespace Storefront.Catalog.Findability;

/// <summary>What a storefront page puts in its head for search engines and link previews, after an editor's SEO fields.</summary>
public sealed record SeoHead(string Title, string Description, string CanonicalUrl, string OwnUrl, string? ImageUrl, string OgType)
{
    /// <summary>What the image shows, for <c>og:image:alt</c>; null leaves the tag out.</summary>
    public string? ImageAlt { get; init; }

    /// <param name="ownPath">The item's address on this shop, such as <c>/products/guide</c>.</param>
    /// <param name="fallbackImage">A shop path or absolute address, such as the product's cover.</param>
    public static SeoHead For(ISeoItem item, string title, string summary, string origin, string ownPath, string? fallbackImage, string ogType) => new(
        Nonempty(item.SeoTitle) ?? title,
        Nonempty(item.SeoDescription) ?? summary,
        Nonempty(item.CanonicalUrl) ?? origin + ownPath,
        origin + ownPath,
        Absolute(origin, Nonempty(item.SocialImage) ?? fallbackImage),
        ogType);

    private static string? Nonempty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string? Absolute(string origin, string? address) => address is ['/', ..] ? origin + address : address;
}
