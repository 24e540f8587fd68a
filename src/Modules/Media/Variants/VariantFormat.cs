namespace Storefront.Media.Variants;

/// <summary>The formats variants are made in: WebP for browsers that take it, JPEG for the rest.</summary>
public sealed record VariantFormat(string Extension, string ContentType, int Quality)
{
    public static readonly VariantFormat Webp = new("webp", "image/webp", 80);

    public static readonly VariantFormat Jpeg = new("jpg", "image/jpeg", 82);

    public static IReadOnlyList<VariantFormat> All { get; } = [Webp, Jpeg];

    /// <summary>The format a variant's address ends in (<c>….webp</c>), and the original's key before it.</summary>
    public static bool TryParse(string path, out VariantFormat format, out string originalKey)
    {
        foreach (var candidate in All)
        {
            var suffix = "." + candidate.Extension;
            if (path.EndsWith(suffix, StringComparison.Ordinal) && path.Length > suffix.Length)
            {
                (format, originalKey) = (candidate, path[..^suffix.Length]);
                return true;
            }
        }

        (format, originalKey) = (Webp, "");
        return false;
    }
}
