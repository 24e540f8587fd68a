using Storefront.Core.Content;

namespace Storefront.Catalog.Models;

/// <summary>
/// A product's cover as the storefront shows it: a <c>&lt;picture&gt;</c> of the library's resized variants when the image
/// has them, and the alt text its editor wrote, or the product's title for an image nobody described yet.
/// </summary>
public sealed record CoverPicture(string Key, ResponsiveImage? Image, string Title, string Sizes, string? CssClass, bool Lazy)
{
    /// <summary>Where the list's cards are as wide as the screen on a phone and a few to a row on wider screens.</summary>
    public const string CardSizes = "(min-width: 64rem) 20rem, (min-width: 36rem) 50vw, 100vw";

    /// <summary>The product page's column: the whole width on a phone, two fifths of it from 48rem.</summary>
    public const string ArticleSizes = "(min-width: 48rem) 40vw, 100vw";

    public static CoverPicture Card(string key, ResponsiveImage? image, string title) => new(key, image, title, CardSizes, null, Lazy: true);

    // The product page's cover is the first thing seen: loaded at once.
    public static CoverPicture Article(string key, ResponsiveImage? image, string title) => new(key, image, title, ArticleSizes, "product__cover", Lazy: false);

    public string AltText => Image is { AltText.Length: > 0 } ? Image.AltText : Title;

    public string Src => Image?.Src ?? MediaUrl.For(Key);
}
