using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Media.Storage;

namespace Storefront.Media.Library;

/// <summary>The outcome of offering an image: the stored asset, or why it was refused.</summary>
public sealed record ImageUpload(MediaAsset? Asset, string? Problem);

/// <summary>
/// Stores uploaded images in the public area under <c>{folder}/{hash}/{name}</c>: a key's bytes never
/// change, so <c>/media/{key}</c> can be cached forever and re-uploading the same file writes nothing.
/// </summary>
public sealed class MediaLibrary(StorefrontDbContext db, IBlobStore blobs, TimeProvider clock)
{
    public const string NotAnImage = $"The file is not a {ImageFormats.Accepted} image.";

    /// <summary>The folder of images uploaded to the library (covers go to <c>covers</c>).</summary>
    public const string LibraryFolder = "media";

    /// <summary>Checks and stores the image; the caller adds the asset to its unit of work.</summary>
    public async Task<ImageUpload> StoreImageAsync(Stream content, string fileName, string folder, CancellationToken cancellationToken)
    {
        var head = new byte[ImageFormats.HeadLength];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var contentType = ImageFormats.Detect(head.AsSpan(0, read));
        if (contentType is null)
        {
            return new ImageUpload(null, NotAnImage);
        }

        content.Position = 0;
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken))[..20];
        var name = SafeName(fileName);
        var key = BlobKey.Parse($"{folder}/{hash}/{name}");
        if (await blobs.GetInfoAsync(BlobArea.Public, key, cancellationToken) is null)
        {
            content.Position = 0;
            await blobs.PutAsync(BlobArea.Public, key, content, contentType, cancellationToken);
        }

        var asset = new MediaAsset { Name = name, Key = key.Value, ContentType = contentType, Length = content.Length, UploadedAt = clock.GetUtcNow().UtcDateTime };
        return new ImageUpload(asset, null);
    }

    /// <summary>The library's entry for this key, counting one staged earlier in the same unit of work (a recipe may list an image twice).</summary>
    public async Task<MediaAsset?> FindByKeyAsync(string key, CancellationToken cancellationToken) =>
        db.Set<MediaAsset>().Local.FirstOrDefault(a => a.Key == key)
        ?? await db.Set<MediaAsset>().FirstOrDefaultAsync(a => a.Key == key, cancellationToken);

    /// <summary>Deletes the blob unless another asset still points at the same content.</summary>
    public async Task DeleteBlobIfUnusedAsync(string key, Guid exceptAsset, CancellationToken cancellationToken)
    {
        var shared = await db.Set<MediaAsset>().AnyAsync(a => a.Key == key && a.Id != exceptAsset, cancellationToken);
        if (!shared && BlobKey.TryCreate(key, out var blobKey, out _))
        {
            await blobs.DeleteAsync(BlobArea.Public, blobKey, cancellationToken);
        }
    }

    /// <summary>The last path segment, without characters a blob key refuses; never empty.</summary>
    public static string SafeName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/').Split('/')[^1]).Trim();
        name = new string(name.Where(c => !char.IsControl(c)).ToArray());
        if (name.Length > 120)
        {
            name = name[^120..];
        }

        return name is "" or "." or ".." ? "file" : name;
    }
}
