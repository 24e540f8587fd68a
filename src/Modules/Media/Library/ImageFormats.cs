namespace Storefront.Media.Library;

/// <summary>Recognises an image by its first bytes, never by its file name or the browser's claim.</summary>
public static class ImageFormats
{
    public const int HeadLength = 12;

    public const string Accepted = "PNG, JPEG, GIF or WebP";

    public static string? Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x47, 0x49, 0x46, 0x38, ..] => "image/gif",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };

    public static string? Detect(string path)
    {
        Span<byte> head = stackalloc byte[HeadLength];
        using var file = File.OpenRead(path);
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Detect(head[..read]);
    }
}
