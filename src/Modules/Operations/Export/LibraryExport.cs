using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Media.Library;
using Storefront.Media.Storage;

namespace Storefront.Operations.Export;

/// <summary>
/// The <c>media</c> step: library images that no product uses as its cover (covers travel with their product). Import
/// stores them under <c>media/{hash}/{name}</c>; an image kept under another key (a cover its product no longer shows) gets
/// that key on import, so the links to it in pages and descriptions are rewritten to match.
/// </summary>
internal static class LibraryExport
{
    /// <summary>Where the library's images go: underscores are not allowed in slugs, so no product folder can clash.</summary>
    private const string Folder = "_library";

    public static async Task<(JsonArray Items, Dictionary<string, string> NewKeys)> ItemsAsync(
        StorefrontDbContext db, ExportFolder folder, CancellationToken cancellationToken)
    {
        var covers = await db.Set<Product>().AsNoTracking().Where(p => p.CoverKey != null).Select(p => p.CoverKey!).ToListAsync(cancellationToken);
        var assets = await db.Set<MediaAsset>().AsNoTracking().Where(a => !covers.Contains(a.Key))
            .OrderBy(a => a.Key).ThenBy(a => a.UploadedAt).ToListAsync(cancellationToken);
        var items = new JsonArray();
        var newKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        // The same image uploaded twice shares one key; import matches by key, so it becomes one library item.
        foreach (var asset in assets.DistinctBy(a => a.Key))
        {
            var fileName = MediaLibrary.SafeName(asset.Key);
            var parent = Path.GetFileName(Path.GetDirectoryName(asset.Key)) ?? "";
            var file = await folder.CopyAsync(BlobArea.Public, asset.Key, $"{Folder}/{parent}/{fileName}".Replace("//", "/"),
                $"the library image '{asset.Name}'", cancellationToken);
            var item = new JsonObject { ["file"] = file };
            if (asset.Name != fileName)
            {
                item["name"] = asset.Name;
            }

            if (asset.AltText.Length > 0)
            {
                item["altText"] = asset.AltText;
            }

            items.Add(item);
            var importedKey = $"{MediaLibrary.LibraryFolder}/{await HashAsync(folder.FullPath(file), cancellationToken)}/{fileName}";
            if (importedKey != asset.Key)
            {
                newKeys[asset.Key] = importedKey;
            }
        }

        return (items, newKeys);
    }

    /// <summary>Points <c>/media/…</c> links in Markdown at the keys the images get on import.</summary>
    public static string Relink(string markdown, Dictionary<string, string> newKeys) =>
        newKeys.Aggregate(markdown, (text, key) => MediaUrl.Repoint(text, key.Key, key.Value));

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken))[..20];
    }
}
