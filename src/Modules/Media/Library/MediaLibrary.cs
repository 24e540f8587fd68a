using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Media.Storage;
using Storefront.Media.Variants;

namespace Storefront.Media.Library;

/// <summary>The outcome of offering an image: the stored asset, or why it was refused.</summary>
public sealed record ImageUpload(MediaAsset? Asset, string? Problem);

/// <summary>
/// Stores uploaded images in the public area under <c>{folder}/{hash}/{name}</c>: a key's bytes never
/// change, so <c>/media/{key}</c> can be cached forever and re-uploading the same file writes nothing.
/// </summary>
public sealed class MediaLibrary(StorefrontDbContext db, IBlobStore blobs, TimeProvider clock, IOptions<MediaOptions> options)
{
    public const string NotAnImage = $"The file is not a {ImageFormats.Accepted} image.";

    /// <summary>The folder of images uploaded to the library (covers go to <c>covers</c>).</summary>
    public const string LibraryFolder = "media";

    /// <summary>Checks and stores the image (nothing is stored when it is refused); the caller adds the asset to its unit of work.</summary>
    public async Task<ImageUpload> StoreImageAsync(Stream content, string fileName, string folder, CancellationToken cancellationToken)
    {
        var (facts, problem) = ImageProbe.Check(content, options.Value);
        if (facts is null)
        {
            return new ImageUpload(null, problem);
        }

        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken))[..20];
        var name = SafeName(fileName);
        var key = BlobKey.Parse($"{folder}/{hash}/{name}");
        if (await blobs.GetInfoAsync(BlobArea.Public, key, cancellationToken) is null)
        {
            content.Position = 0;
            await blobs.PutAsync(BlobArea.Public, key, content, facts.ContentType, cancellationToken);
        }

        var asset = new MediaAsset
        {
            Name = name, Key = key.Value, ContentType = facts.ContentType, Length = content.Length, Width = facts.Width, Height = facts.Height,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        return new ImageUpload(asset, null);
    }

    /// <summary>The library's entry for this key, counting one staged earlier in the same unit of work (a recipe may list an image twice).</summary>
    public async Task<MediaAsset?> FindByKeyAsync(string key, CancellationToken cancellationToken) =>
        db.Set<MediaAsset>().Local.FirstOrDefault(a => a.Key == key)
        ?? await db.Set<MediaAsset>().FirstOrDefaultAsync(a => a.Key == key, cancellationToken);

    /// <summary>Deletes the blob and its variants unless another asset still points at the same content.</summary>
    public async Task DeleteBlobIfUnusedAsync(string key, int width, Guid exceptAsset, CancellationToken cancellationToken)
    {
        var shared = await db.Set<MediaAsset>().AnyAsync(a => a.Key == key && a.Id != exceptAsset, cancellationToken);
        if (!shared && BlobKey.TryCreate(key, out var blobKey, out _))
        {
            await blobs.DeleteAsync(BlobArea.Public, blobKey, cancellationToken);
            foreach (var variantWidth in ImageVariants.WidthsFor(width))
            {
                foreach (var format in VariantFormat.All)
                {
                    await blobs.DeleteAsync(BlobArea.Public, ImageVariants.KeyFor(key, variantWidth, format), cancellationToken);
                }
            }
        }
    }

    /// <summary>The type and size of an image already in the public area (a recipe's cover); null when it cannot be read.</summary>
    /// <summary>Why <see cref="ImageProbe"/> refuses the content under this shop's limits, or null when it accepts it.</summary>
    public string? Refusal(Stream content) => ImageProbe.Check(content, options.Value).Problem;

    public async Task<ImageFacts?> ProbeStoredAsync(string key, CancellationToken cancellationToken)
    {
        await using var source = BlobKey.TryCreate(key, out var blobKey, out _) ? await blobs.OpenReadAsync(BlobArea.Public, blobKey, cancellationToken) : null;
        if (source is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await source.CopyToAsync(buffer, cancellationToken);
        return ImageProbe.Check(buffer, options.Value).Facts;
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
