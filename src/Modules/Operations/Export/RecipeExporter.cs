using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Core.Themes;
using Storefront.Media.Library;
using Storefront.Media.Storage;

namespace Storefront.Operations.Export;

public sealed record ExportResult(string RecipePath, int Products, int Pages, int Images, int Files);

/// <summary>
/// Writes the shop back out as a recipe in the import format (DESIGN.md): settings without secrets (the logo as a file),
/// the media library, products with their masters (from the private store) and covers, and the content pages, with every
/// file in <c>media/</c> beside the recipe, so importing it into an empty store reproduces the shop.
/// </summary>
public sealed class RecipeExporter(StorefrontDbContext db, IBlobStore blobs, ThemeCatalog themes)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<ExportResult> ExportAsync(string recipePath, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(recipePath);
        var folder = new ExportFolder(Path.GetDirectoryName(full)!, blobs);
        Directory.CreateDirectory(folder.Root);
        var steps = new JsonArray { await SettingsExport.StepAsync(db, folder, themes, cancellationToken) };
        var (images, newKeys) = await LibraryExport.ItemsAsync(db, folder, cancellationToken);
        var products = await ProductsAsync(folder, newKeys, cancellationToken);
        var pages = await PagesAsync(newKeys, cancellationToken);
        AddStep("media", images);
        AddStep("products", products);
        AddStep("pages", pages);
        var recipe = new JsonObject { ["name"] = "export", ["steps"] = steps };
        await File.WriteAllTextAsync(full, recipe.ToJsonString(Indented), cancellationToken);
        return new ExportResult(full, products.Count, pages.Count, images.Count, folder.Files);

        void AddStep(string name, JsonArray items)
        {
            if (items.Count > 0)
            {
                steps.Add(new JsonObject { ["name"] = name, [name] = items });
            }
        }
    }

    /// <summary>Exports into a temporary folder and zips it (recipe.json + media/), for the settings page's download.</summary>
    public async Task<byte[]> ExportZipAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "storefront-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            await ExportAsync(Path.Combine(folder, "recipe.json"), cancellationToken);
            using var zip = new MemoryStream();
            await ZipFile.CreateFromDirectoryAsync(folder, zip, CompressionLevel.Optimal, includeBaseDirectory: false, cancellationToken);
            return zip.ToArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<JsonArray> ProductsAsync(ExportFolder folder, Dictionary<string, string> newKeys, CancellationToken cancellationToken)
    {
        var products = new JsonArray();
        // A cover's library entry is not exported on its own (see LibraryExport): its alternative text goes with the product.
        var coverAlts = await (from product in db.Set<Product>()
                               join asset in db.Set<MediaAsset>() on product.CoverKey equals asset.Key
                               where asset.AltText != ""
                               select new { asset.Key, asset.AltText }).Distinct().ToListAsync(cancellationToken);
        foreach (var product in await db.Set<Product>().AsNoTracking().OrderBy(p => p.Slug).ToListAsync(cancellationToken))
        {
            var item = new JsonObject
            {
                ["slug"] = product.Slug,
                ["title"] = product.Title,
                ["description"] = LibraryExport.Relink(product.Description, newKeys),
                ["price"] = product.PriceMinor,
                ["currency"] = product.Currency,
            };
            // One folder per product keeps the master's own file name (buyers' copies are saved under it) without clashes.
            var owner = $"product '{product.Slug}'";
            if (product.MasterKey is not null)
            {
                var name = Path.GetFileName(product.MasterFileName ?? product.MasterKey);
                item["master"] = await folder.CopyAsync(BlobArea.Private, product.MasterKey, $"{product.Slug}/{name}", owner, cancellationToken);
            }

            if (product.CoverKey is not null)
            {
                var name = Path.GetFileName(product.CoverKey);
                item["cover"] = await folder.CopyAsync(BlobArea.Public, product.CoverKey, $"{product.Slug}/{name}", owner, cancellationToken);
                if (coverAlts.FirstOrDefault(c => c.Key == product.CoverKey) is { } cover)
                {
                    item["coverAlt"] = cover.AltText;
                }
            }

            if (product.DownloadUses is { } uses)
            {
                item["downloadUses"] = uses;
            }

            if (product.DownloadExpiryHours is { } hours)
            {
                item["downloadExpiryHours"] = hours;
            }

            item["published"] = product.Published;
            products.Add(item);
        }

        return products;
    }

    private async Task<JsonArray> PagesAsync(Dictionary<string, string> newKeys, CancellationToken cancellationToken)
    {
        var pages = await db.Set<ContentPage>().AsNoTracking().OrderBy(p => p.NavigationOrder).ThenBy(p => p.Slug).ToListAsync(cancellationToken);
        return new JsonArray(pages.Select(page => (JsonNode)new JsonObject
        {
            ["slug"] = page.Slug,
            ["title"] = page.Title,
            ["body"] = LibraryExport.Relink(page.Body, newKeys),
            ["published"] = page.Published,
            ["order"] = page.NavigationOrder,
        }).ToArray());
    }
}
