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

    public required DateTime UploadedAt { get; set; }

    public string UploadedBy { get; set; } = "system";

    public string Url => MediaUrl.For(Key);
}
