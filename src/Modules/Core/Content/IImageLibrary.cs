namespace Storefront.Core.Content;

/// <summary>An image of the media library as other modules see it, by its public key.</summary>
public sealed record LibraryImage(string Key, string Name, string ContentType, long Length, string AltText);

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

    /// <summary>Stages a library entry for a stored image unless one with its key exists; true when one was added.</summary>
    Task<bool> AddAsync(LibraryImage image, CancellationToken cancellationToken);

    /// <summary>The alternative text editors gave the images with these keys, for those that have one.</summary>
    Task<IReadOnlyDictionary<string, string>> AltTextsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}
