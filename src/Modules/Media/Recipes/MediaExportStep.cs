using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Recipes;
using Storefront.Media.Library;
using Storefront.Media.Storage;

namespace Storefront.Media.Recipes;

/// <summary>
/// The <c>media</c> step, as <see cref="MediaRecipeStep"/> reads it: library images that no other module's items carry
/// (a product's cover travels with its product). Import stores them under <c>media/{hash}/{name}</c>; an image kept under
/// another key (a cover its product no longer shows) gets that key on import, which the export records so that the
/// links to it in pages and descriptions written after this step are rewritten to match.
/// </summary>
internal sealed class MediaExportStep(StorefrontDbContext db, IBlobStore blobs, IEnumerable<IMediaUsageProvider> usages) : IRecipeExportStep
{
    /// <summary>Where the library's images go: underscores are not allowed in slugs, so no product folder can clash.</summary>
    private const string Folder = "_library";

    public string Name => "media";

    public int Order => 200;

    public async Task ExportAsync(RecipeExport export, CancellationToken cancellationToken)
    {
        var carried = new HashSet<string>(StringComparer.Ordinal);
        foreach (var usage in usages)
        {
            carried.UnionWith(await usage.KeysExportedWithContentAsync(cancellationToken));
        }

        var folders = await db.Set<MediaFolder>().AsNoTracking().ToListAsync(cancellationToken);
        var assets = await db.Set<MediaAsset>().AsNoTracking().OrderBy(a => a.Key).ThenBy(a => a.UploadedAt).ToListAsync(cancellationToken);
        // The same image uploaded twice shares one key; import matches by key, so it becomes one library item.
        foreach (var asset in assets.Where(a => !carried.Contains(a.Key)).DistinctBy(a => a.Key))
        {
            var fileName = MediaLibrary.SafeName(asset.Key);
            var parent = Path.GetFileName(Path.GetDirectoryName(asset.Key)) ?? "";
            var file = await export.CopyBlobAsync(blobs, BlobArea.Public, asset.Key, $"{Folder}/{parent}/{fileName}".Replace("//", "/"),
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

            if (asset.FolderId is not null)
            {
                item["folder"] = MediaFolders.PathOf(asset.FolderId, folders);
            }

            export.AddItem(Name, item);
            var importedKey = $"{MediaLibrary.LibraryFolder}/{await HashAsync(export.FullPath(file), cancellationToken)}/{fileName}";
            if (importedKey != asset.Key)
            {
                export.MediaKeyChanges(asset.Key, importedKey);
            }
        }

        if (folders.Count > 0)
        {
            // Every folder by its path, empty ones included; the step's "media" list is there even when no image is.
            var step = export.Step(Name);
            step[Name] ??= new JsonArray();
            step["folders"] = new JsonArray([.. folders.Select(f => MediaFolders.PathOf(f.Id, folders)).Order(StringComparer.Ordinal).Select(p => (JsonNode)p)]);
        }
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken))[..20];
    }
}
