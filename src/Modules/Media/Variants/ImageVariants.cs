using Storefront.Core.Content;
using Storefront.Media.Storage;

namespace Storefront.Media.Variants;

/// <summary>
/// Which resized copies an image has and where they live. A variant is kept in the public area at
/// <c>variants/{width}/{original key}.{webp|jpg}</c> and served at <c>/media/</c> plus that key: the original's key holds a
/// hash of its bytes, so a replaced image gets new variant addresses and every address can be cached for good.
/// </summary>
public static class ImageVariants
{
    public const string Folder = "variants";

    public static readonly int[] StandardWidths = [320, 640, 960, 1280, 1920];

    /// <summary>Variants are made of the formats Skia decodes whole; a GIF may move, so it is always shown as uploaded.</summary>
    public static bool Supports(string contentType) => contentType is "image/png" or "image/jpeg" or "image/webp";

    /// <summary>The standard widths narrower than the original, and the original's own width when it is within them: never upscaled.</summary>
    public static IReadOnlyList<int> WidthsFor(int originalWidth)
    {
        if (originalWidth <= 0)
        {
            return [];
        }

        var widths = StandardWidths.Where(w => w < originalWidth).ToList();
        if (originalWidth <= StandardWidths[^1])
        {
            widths.Add(originalWidth);
        }

        return widths;
    }

    public static BlobKey KeyFor(string originalKey, int width, VariantFormat format) =>
        BlobKey.Parse($"{Folder}/{width}/{originalKey}.{format.Extension}");

    public static string UrlFor(string originalKey, int width, VariantFormat format) => MediaUrl.For(KeyFor(originalKey, width, format).Value);

    public static string SrcSet(string originalKey, IReadOnlyList<int> widths, VariantFormat format) =>
        string.Join(", ", widths.Select(w => $"{UrlFor(originalKey, w, format)} {w}w"));
}
