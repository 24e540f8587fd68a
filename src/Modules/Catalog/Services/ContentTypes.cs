using Storefront.Media.Library;

namespace Storefront.Catalog.Services;

/// <summary>The content type a recipe's file is stored with: an image or a PDF by its bytes, anything else by its extension.</summary>
internal static class ContentTypes
{
    public static string For(string path)
    {
        if (ImageFormats.Detect(path) is { } image)
        {
            return image;
        }
        var head = new byte[FileKinds.HeadLength];
        using var file = File.OpenRead(path);
        return FileKinds.ContentType(path, head.AsSpan(0, file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)));
    }
}
