using System.Security.Cryptography;
using Storefront.Catalog.Services;
using Storefront.Media.Storage;

namespace Storefront.Catalog.Recipes;

/// <summary>Copies a file into blob storage under a key derived from its content.</summary>
internal static class StoredFile
{
    public static async Task<string> PutAsync(IBlobStore blobs, BlobArea area, string folder, string path, CancellationToken cancellationToken)
    {
        string hash;
        await using (var hashing = File.OpenRead(path))
        {
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(hashing, cancellationToken))[..20];
        }

        var key = BlobKey.Parse($"{folder}/{hash}/{Path.GetFileName(path)}");
        if (await blobs.GetInfoAsync(area, key, cancellationToken) is null)
        {
            await using var content = File.OpenRead(path);
            await blobs.PutAsync(area, key, content, ContentTypes.For(path), cancellationToken);
        }

        return key.Value;
    }
}
