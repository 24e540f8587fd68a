namespace Storefront.Catalog.Services;

/// <summary>
/// The content type a master or a recipe's file is stored with. Whether it is a PDF is decided by its header,
/// as readers and the stamping engine decide it, never by its name: "bigbook" may be a PDF and "notes.pdf" may not.
/// </summary>
internal static class FileKinds
{
    // The stamping engine looks for the header in the same window, a little wider than the first KB readers search.
    public const int HeadLength = 4096;

    public static bool IsPdf(ReadOnlySpan<byte> head) => head[..Math.Min(head.Length, HeadLength)].IndexOf("%PDF-"u8) >= 0;

    public static string ContentType(string name, ReadOnlySpan<byte> head) => IsPdf(head) ? "application/pdf"
        : Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".zip" => "application/zip",
            ".epub" => "application/epub+zip",
            ".txt" => "text/plain; charset=utf-8",
            _ => "application/octet-stream",
        };

    public static async Task<string> ContentTypeAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        var head = new byte[HeadLength];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return ContentType(name, head.AsSpan(0, read));
    }
}
