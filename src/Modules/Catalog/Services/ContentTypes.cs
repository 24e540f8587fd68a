using Storefront.Media.Library;

namespace Storefront.Catalog.Services;

/// <summary>The content type a recipe's file is stored with: an image by its bytes, anything else by its extension.</summary>
internal static class ContentTypes
{
    public static string For(string path) => ImageFormats.Detect(path) ?? Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".zip" => "application/zip",
        ".epub" => "application/epub+zip",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
