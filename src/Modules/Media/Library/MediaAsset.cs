using Storefront.Core.Content;

namespace Storefront.Media.Library;

/// <summary>An image in the media library, stored in the public area. Masters never become assets.</summary>
public sealed class MediaAsset
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The name editors know it by (the uploaded file's name unless renamed).</summary>
    public required string Name { get; set; }

    /// <summary>Content-addressed key in the public area; served at <c>/media/{Key}</c>.</summary>
    public required string Key { get; set; }

    public required string ContentType { get; set; }

    public long Length { get; set; }

    public string AltText { get; set; } = "";

    /// <summary>The folder it is filed in; null at the library's top level. Filing never changes <see cref="Key"/>.</summary>
    public Guid? FolderId { get; set; }

    /// <summary>Pixel size read from the file's header at upload; 0 for an image stored before sizes were recorded.</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    public required DateTime UploadedAt { get; set; }

    public string UploadedBy { get; set; } = "system";

    public string Url => MediaUrl.For(Key);

    /// <summary>File size and pixel size as the admin shows them ("1.4 MB · 1920 × 1080 px").</summary>
    public string SizeText() => (Length < 1024 * 1024 ? $"{Math.Max(1, Length / 1024)} KB" : $"{Length / 1024.0 / 1024.0:0.0} MB")
        + (Width > 0 ? $" · {Width} × {Height} px" : "");
}
