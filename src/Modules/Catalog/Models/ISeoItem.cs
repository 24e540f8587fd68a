namespace Storefront.Catalog.Models;

/// <summary>
/// What an editor may set for search engines and social sharing on a product or a page. Empty fields fall back to the
/// item's own: the title, a summary of its text, its cover and its own address.
/// </summary>
public interface ISeoItem
{
    string? SeoTitle { get; set; }

    string? SeoDescription { get; set; }

    /// <summary>An absolute http(s) address or a path on this shop (<c>/media/…</c>) of the image shown when the item is shared.</summary>
    string? SocialImage { get; set; }

    /// <summary>An absolute http(s) address; null means the item's own address.</summary>
    string? CanonicalUrl { get; set; }
}
