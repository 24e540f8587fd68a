using Microsoft.EntityFrameworkCore;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Media.Variants;

namespace Storefront.Media.Library;

/// <summary>The library as other modules reach it (<see cref="IImageLibrary"/>): images by key, never its records.</summary>
internal sealed class ImageLibrary(StorefrontDbContext db, MediaLibrary library, TimeProvider clock) : IImageLibrary
{
    public async Task<StoredImage> StoreAsync(Stream content, string fileName, string folder, CancellationToken cancellationToken)
    {
        var upload = await library.StoreImageAsync(content, fileName, folder, cancellationToken);
        return new StoredImage(upload.Asset is { } a ? new LibraryImage(a.Key, a.Name, a.ContentType, a.Length, a.AltText) : null, upload.Problem);
    }

    public string? Refusal(Stream content) => library.Refusal(content);

    public async Task<bool> AddAsync(LibraryImage image, CancellationToken cancellationToken)
    {
        // Two products of one recipe may share a cover: the entry staged for the first one counts.
        if (await library.FindByKeyAsync(image.Key, cancellationToken) is not null)
        {
            return false;
        }

        // A recipe's cover was stored without the library's checks: its size is read here, once.
        var facts = await library.ProbeStoredAsync(image.Key, cancellationToken);
        db.Add(new MediaAsset
        {
            Name = image.Name, Key = image.Key, ContentType = image.ContentType, Length = image.Length, AltText = image.AltText,
            Width = facts?.Width ?? 0, Height = facts?.Height ?? 0, UploadedAt = clock.GetUtcNow().UtcDateTime,
        });
        return true;
    }

    public async Task<IReadOnlyDictionary<string, string>> AltTextsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var described = await db.Set<MediaAsset>().AsNoTracking().Where(a => keys.Contains(a.Key) && a.AltText != "")
            .OrderBy(a => a.UploadedAt).Select(a => new { a.Key, a.AltText }).ToListAsync(cancellationToken);
        return described.DistinctBy(a => a.Key).ToDictionary(a => a.Key, a => a.AltText, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, ResponsiveImage>> ResponsiveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return new Dictionary<string, ResponsiveImage>();
        }

        var assets = await db.Set<MediaAsset>().AsNoTracking().Where(a => keys.Contains(a.Key))
            .Select(a => new { a.Key, a.ContentType, a.Width, a.Height, a.AltText, a.UploadedAt }).ToListAsync(cancellationToken);
        // Described entries first: the same image filed twice shows the alt text one of them has.
        return assets.OrderBy(a => a.AltText.Length == 0).ThenBy(a => a.UploadedAt).DistinctBy(a => a.Key).ToDictionary(a => a.Key, a =>
        {
            var widths = ImageVariants.Supports(a.ContentType) ? ImageVariants.WidthsFor(a.Width) : [];
            return new ResponsiveImage(MediaUrl.For(a.Key), a.Width, a.Height, a.AltText,
                ImageVariants.SrcSet(a.Key, widths, VariantFormat.Webp), ImageVariants.SrcSet(a.Key, widths, VariantFormat.Jpeg));
        }, StringComparer.Ordinal);
    }

    public async Task<bool> StageAltTextAsync(string key, string altText, CancellationToken cancellationToken)
    {
        var assets = await db.Set<MediaAsset>().Where(a => a.Key == key).ToListAsync(cancellationToken);
        assets.AddRange(db.Set<MediaAsset>().Local.Where(a => a.Key == key && !assets.Contains(a)));
        foreach (var asset in assets)
        {
            asset.AltText = altText.Trim();
        }

        return assets.Count > 0;
    }
}
