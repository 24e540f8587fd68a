using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Media.Storage;

namespace Storefront.Operations.Export;

public sealed record ExportResult(string RecipePath, int Products, int Files);

/// <summary>
/// Writes the shop back out as a recipe in the import format (DESIGN.md): settings without secrets, products with
/// their masters (from the private store) and covers (from the public store) in <c>media/</c> beside the recipe,
/// so importing it into an empty store reproduces the catalogue.
/// </summary>
public sealed class RecipeExporter(StorefrontDbContext db, IBlobStore blobs)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<ExportResult> ExportAsync(string recipePath, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(recipePath);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var files = 0;
        var products = new JsonArray();
        foreach (var product in await db.Set<Product>().AsNoTracking().OrderBy(p => p.Slug).ToListAsync(cancellationToken))
        {
            var item = new JsonObject
            {
                ["slug"] = product.Slug,
                ["title"] = product.Title,
                ["description"] = product.Description,
                ["price"] = product.PriceMinor,
                ["currency"] = product.Currency,
            };
            // One folder per product keeps the master's own file name (buyers' copies are saved under it) without clashes.
            if (product.MasterKey is not null)
            {
                item["master"] = await CopyAsync(BlobArea.Private, product.MasterKey, product.Slug, product.MasterFileName);
                files++;
            }

            if (product.CoverKey is not null)
            {
                item["cover"] = await CopyAsync(BlobArea.Public, product.CoverKey, product.Slug, null);
                files++;
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

        var steps = new JsonArray { await SettingsStepAsync(cancellationToken) };
        if (products.Count > 0)
        {
            steps.Add(new JsonObject { ["name"] = "products", ["products"] = products });
        }

        var recipe = new JsonObject { ["name"] = "export", ["steps"] = steps };
        await File.WriteAllTextAsync(full, recipe.ToJsonString(Indented), cancellationToken);
        return new ExportResult(full, products.Count, files);

        async Task<string> CopyAsync(BlobArea area, string key, string slug, string? fileName)
        {
            var blobKey = BlobKey.Parse(key);
            var name = Path.GetFileName(fileName ?? key);
            var relative = $"media/{slug}/{name}";
            var target = Path.Combine(folder, "media", slug, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var source = await blobs.OpenReadAsync(area, blobKey, cancellationToken)
                ?? throw new InvalidOperationException($"The file of product '{slug}' is missing from storage ({area.ToString().ToLowerInvariant()}/{key}).");
            await using var output = File.Create(target);
            await source.CopyToAsync(output, cancellationToken);
            return relative;
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

    private async Task<JsonObject> SettingsStepAsync(CancellationToken cancellationToken)
    {
        // Only known, non-secret keys: secrets stay in the environment or the database they were typed into.
        var values = await db.Set<SiteSetting>().AsNoTracking().Where(s => !s.Key.StartsWith(SettingKeys.SecretPrefix))
            .ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        var step = new JsonObject { ["name"] = "settings" };
        Add("siteName", SiteSettings.SiteNameKey);
        Add("supportEmail", SiteSettings.SupportEmailKey);
        Add("sellerName", SettingKeys.SellerName);
        if (values.GetValueOrDefault(SettingKeys.SellerAddress) is { Length: > 0 } address)
        {
            step["sellerAddress"] = new JsonArray(address.Split('\n').Select(l => (JsonNode)l).ToArray());
        }

        AddNumber("downloadUses", SettingKeys.DefaultDownloadUses);
        AddNumber("downloadExpiryHours", SettingKeys.DefaultDownloadExpiryHours);
        Add("theme", SettingKeys.Theme);
        return step;

        void Add(string field, string key)
        {
            if (values.GetValueOrDefault(key) is { Length: > 0 } value)
            {
                step[field] = value;
            }
        }

        void AddNumber(string field, string key)
        {
            if (int.TryParse(values.GetValueOrDefault(key), System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                step[field] = number;
            }
        }
    }
}
