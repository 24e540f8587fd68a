namespace Storefront.Core.Content;

/// <summary>An image of the media library as other modules see it, by its public key.</summary>
public sealed record LibraryImage(string Key, string Name, string ContentType, long Length, string AltText);

/// <summary>
/// An image ready for a responsive <c>&lt;picture&gt;</c>: the original's address and pixel size (for <c>width</c>/<c>height</c>,
/// so the page does not jump), its alt text (empty when the editor gave none) and the <c>srcset</c> lists of its resized
/// WebP and JPEG variants, empty when the image has none (a GIF, or an image whose size is not known).
/// </summary>
public sealed record ResponsiveImage(string Src, int Width, int Height, string AltText, string WebpSrcSet, string JpegSrcSet)
{
    public bool HasVariants => WebpSrcSet.Length > 0;
}

/// <summary>The outcome of offering an image: the stored image (not yet in the library), or why it was refused.</summary>
public sealed record StoredImage(LibraryImage? Image, string? Problem);

/// <summary>
/// The media library, published by the Media module so that a product's cover joins the library like any upload
/// without another module naming the library's records. Entries are staged in the request's unit of work: they are
/// saved with the caller's own changes, or not at all.
/// </summary>
public interface IImageLibrary
{
    /// <summary>Checks the content is an image and stores it in the public area under <c>{folder}/{hash}/{name}</c>.</summary>
    Task<StoredImage> StoreAsync(Stream content, string fileName, string folder, CancellationToken cancellationToken);

    /// <summary>
    /// Why the library would refuse this seekable content (not an image, larger than <c>Media__MaxUploadBytes</c>, more
    /// pixels than <c>Media__MaxPixels</c>), or null when it would take it: a recipe checks its images before applying.
    /// </summary>
    string? Refusal(Stream content);

    /// <summary>Stages a library entry for a stored image unless one with its key exists; true when one was added.</summary>
    Task<bool> AddAsync(LibraryImage image, CancellationToken cancellationToken);

    /// <summary>The alternative text editors gave the images with these keys, for those that have one.</summary>
    Task<IReadOnlyDictionary<string, string>> AltTextsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>How to show the images with these keys on the storefront; a key the library does not hold is left out.</summary>
    Task<IReadOnlyDictionary<string, ResponsiveImage>> ResponsiveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>Stages new alt text for every library entry with this key; false when the library holds none.</summary>
    Task<bool> StageAltTextAsync(string key, string altText, CancellationToken cancellationToken);
}
