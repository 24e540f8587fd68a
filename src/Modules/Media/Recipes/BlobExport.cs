using Storefront.Core.Recipes;
using Storefront.Media.Storage;

namespace Storefront.Media.Recipes;

/// <summary>Copies stored files into an export, for every module whose recipe items carry files.</summary>
public static class BlobExport
{
    /// <summary>Copies a stored file to <c>media/{relative}</c>; <paramref name="owner"/> names it if it is missing.</summary>
    public static async Task<string> CopyBlobAsync(this RecipeExport export, IBlobStore blobs, BlobArea area, string key, string relative,
        string owner, CancellationToken cancellationToken)
    {
        await using var source = await blobs.OpenReadAsync(area, BlobKey.Parse(key), cancellationToken)
            ?? throw new ExportException($"The file of {owner} is missing from storage ({area.ToString().ToLowerInvariant()}/{key}); restore it or replace it in the admin, then export again.");
        return await export.AddFileAsync(relative, source, cancellationToken);
    }
}
