namespace Storefront.Media.Library;

/// <summary>A folder of the media library. Folders only file images for editors: an image's key and address never depend on them.</summary>
public sealed class MediaFolder
{
    public const int MaxNameLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>The folder it sits in; null at the top level.</summary>
    public Guid? ParentId { get; set; }

    public required DateTime CreatedAt { get; set; }
}
