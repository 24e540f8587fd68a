using Microsoft.EntityFrameworkCore;
using Storefront.Core.Content;
using Storefront.Core.Data;

namespace Storefront.Media.Library;

/// <summary>The library as other modules reach it (<see cref="IImageLibrary"/>): images by key, never its records.</summary>
internal sealed class ImageLibrary(StorefrontDbContext db, MediaLibrary library, TimeProvider clock) : IImageLibrary
{
    public async Task<StoredImage> StoreAsync(Stream content, string fileName, string folder, CancellationToken cancellationToken)
    {
        var upload = await library.StoreImageAsync(content, fileName, folder, cancellationToken);
        return new StoredImage(upload.Asset is { } a ? new LibraryImage(a.Key, a.Name, a.ContentType, a.Length, a.AltText) : null, upload.Problem);
    }

    public async Task<bool> AddAsync(LibraryImage image, CancellationToken cancellationToken)
    {
        // Two products of one recipe may share a cover: the entry staged for the first one counts.
        if (await library.FindByKeyAsync(image.Key, cancellationToken) is not null)
        {
            return false;
        }

        db.Add(new MediaAsset
        {
            Name = image.Name, Key = image.Key, ContentType = image.ContentType, Length = image.Length, AltText = image.AltText,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        });
        return true;
    }

    public async Task<IReadOnlyDictionary<string, string>> AltTextsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var described = await db.Set<MediaAsset>().AsNoTracking().Where(a => keys.Contains(a.Key) && a.AltText != "")
            .OrderBy(a => a.UploadedAt).Select(a => new { a.Key, a.AltText }).ToListAsync(cancellationToken);
        return described.DistinctBy(a => a.Key).ToDictionary(a => a.Key, a => a.AltText, StringComparer.Ordinal);
    }
}
