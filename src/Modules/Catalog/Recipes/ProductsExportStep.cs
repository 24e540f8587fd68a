using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Recipes;
using Storefront.Media.Recipes;
using Storefront.Media.Storage;

namespace Storefront.Catalog.Recipes;

/// <summary>The <c>products</c> step, as <see cref="ProductsRecipeStep"/> reads it: every product with its master and cover beside the recipe.</summary>
internal sealed class ProductsExportStep(StorefrontDbContext db, IBlobStore blobs, IImageLibrary images) : IRecipeExportStep
{
    public string Name => "products";

    public int Order => 300;

    public async Task ExportAsync(RecipeExport export, CancellationToken cancellationToken)
    {
        var products = await db.Set<Product>().AsNoTracking().OrderBy(p => p.Slug).ToListAsync(cancellationToken);
        // A cover is not exported with the library's images: its alternative text travels with the product instead.
        var slugOf = products.ToDictionary(p => p.Id, p => p.Slug);
        var bundles = (await db.Set<BundleItem>().AsNoTracking().OrderBy(b => b.Position).ToListAsync(cancellationToken))
            .GroupBy(b => b.BundleId).ToDictionary(g => g.Key, g => g.Select(b => slugOf[b.ItemId]).ToList());
        var coverAlts = await images.AltTextsAsync(products.Where(p => p.CoverKey != null).Select(p => p.CoverKey!).Distinct().ToList(), cancellationToken);
        foreach (var product in products)
        {
            var item = new JsonObject
            {
                ["slug"] = product.Slug,
                ["title"] = product.Title,
                ["description"] = export.Relink(product.Description),
                ["price"] = product.PriceMinor,
                ["currency"] = product.Currency,
            };
            // One folder per product keeps the master's own file name (buyers' copies are saved under it) without clashes.
            var owner = $"product '{product.Slug}'";
            if (product.MasterKey is not null)
            {
                var name = Path.GetFileName(product.MasterFileName ?? product.MasterKey);
                item["master"] = await export.CopyBlobAsync(blobs, BlobArea.Private, product.MasterKey, $"{product.Slug}/{name}", owner, cancellationToken);
            }

            if (product.CoverKey is not null)
            {
                var name = Path.GetFileName(product.CoverKey);
                item["cover"] = await export.CopyBlobAsync(blobs, BlobArea.Public, product.CoverKey, $"{product.Slug}/{name}", owner, cancellationToken);
                if (coverAlts.GetValueOrDefault(product.CoverKey) is { } alt)
                {
                    item["coverAlt"] = alt;
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

            if (product.StampPrivacy is { } stampShows)
            {
                item[StampShowsField.Name] = StampShowsField.Write(stampShows);
            }

            if (product.ExternalUrl is { } externalUrl)
            {
                item["externalUrl"] = externalUrl;
            }

            if (bundles.GetValueOrDefault(product.Id) is { } inside)
            {
                item["bundle"] = new JsonArray([.. inside.Select(slug => JsonValue.Create(slug))]);
            }

            if (product.PayWhatYouWant)
            {
                item["payWhatYouWant"] = new JsonObject { ["minimum"] = product.MinimumPriceMinor, ["suggested"] = product.SuggestedPriceMinor };
            }

            if (product.StockLeft is { } stock)
            {
                item["stock"] = stock;
            }

            SeoRecipeFields.Write(item, product);
            item["published"] = product.Published;
            export.AddItem(Name, item);
        }
    }
}
