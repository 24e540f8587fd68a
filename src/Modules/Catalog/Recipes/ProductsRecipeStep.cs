using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Recipes;
using Storefront.Media.Storage;

namespace Storefront.Catalog.Recipes;

/// <summary>
/// <c>{ "name": "products", "products": [ { "slug", "title", "description", "price", "currency",
/// "master", "cover", "downloadUses", "downloadExpiryHours", "published" } ] }</c>.
/// Products are matched by slug; files are stored under content-addressed keys, so importing the
/// same recipe again writes nothing.
/// </summary>
internal sealed class ProductsRecipeStep(StorefrontDbContext db, IBlobStore blobs, IEnumerable<IMasterFileValidator> validators) : IRecipeStep
{
    public string Name => "products";

    public async Task ValidateAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var items = Read(step);
        foreach (var item in items)
        {
            foreach (var validator in validators)
            {
                await using var master = File.OpenRead(item.MasterPath);
                var verdict = await validator.CheckAsync(Path.GetFileName(item.MasterPath), master, cancellationToken);
                if (!verdict.Accepted)
                {
                    step.Error($"products[{item.Index}].master", $"'{Path.GetFileName(item.MasterPath)}' cannot be sold: {verdict.Problem}");
                }
            }
        }
    }

    public async Task<int> ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var changes = 0;
        foreach (var item in Read(step))
        {
            var masterKey = await StoredFile.PutAsync(blobs, BlobArea.Private, "masters", item.MasterPath, cancellationToken);
            var coverKey = item.CoverPath is null ? null : await StoredFile.PutAsync(blobs, BlobArea.Public, "covers", item.CoverPath, cancellationToken);
            var product = await db.Set<Product>().FirstOrDefaultAsync(p => p.Slug == item.Slug, cancellationToken);
            if (product is null)
            {
                product = new Product { Slug = item.Slug, Title = item.Title };
                db.Add(product);
            }

            product.Title = item.Title;
            product.Description = item.Description;
            product.PriceMinor = item.Price;
            product.Currency = item.Currency;
            product.MasterKey = masterKey;
            product.MasterFileName = Path.GetFileName(item.MasterPath);
            product.CoverKey = coverKey;
            product.DownloadUses = item.DownloadUses;
            product.DownloadExpiryHours = item.DownloadExpiryHours;
            product.Published = item.Published;
            if (db.Entry(product).State == EntityState.Added || db.Entry(product).Properties.Any(p => p.IsModified))
            {
                product.UpdatedAt = DateTime.UtcNow;
                changes++;
            }
        }

        return changes;
    }

    private static List<ProductItem> Read(RecipeStepContext step)
    {
        var items = new List<ProductItem>();
        if (!step.Element.TryGetProperty("products", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            step.Error("products", "is required and must be an array of products");
            return items;
        }

        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var at = $"products[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                step.Error(at, "must be an object");
                continue;
            }

            var slug = step.RequiredString(element, "slug", at + ".slug");
            if (slug is not null && !Slugs.IsValid(slug))
            {
                step.Error(at + ".slug", $"'{slug}' must be lower-case letters, digits and hyphens (at most {Slugs.MaxLength}), e.g. '{Slugs.From(slug)}'");
                slug = null;
            }
            else if (slug is not null && !slugs.Add(slug))
            {
                step.Error(at + ".slug", $"duplicate slug '{slug}': each product needs its own");
                slug = null;
            }

            var title = step.RequiredString(element, "title", at + ".title");
            if (title is { Length: > 200 })
            {
                step.Error(at + ".title", "must be at most 200 characters");
            }

            var description = step.OptionalString(element, "description", at + ".description") ?? "";
            var price = step.Integer(element, "price", at + ".price", required: true, 0, 99_999_999);
            var currency = step.RequiredString(element, "currency", at + ".currency")?.ToLowerInvariant();
            if (currency is not null && !Money.IsKnownCurrency(currency))
            {
                step.Error(at + ".currency", $"'{currency}' must be a three-letter ISO 4217 code such as 'usd'");
                currency = null;
            }

            var master = step.ExistingFile(element, "master", at + ".master", required: true);
            var cover = step.ExistingFile(element, "cover", at + ".cover", required: false);
            if (cover is not null && ImageSniffer.Detect(cover) is null)
            {
                step.Error(at + ".cover", $"'{Path.GetFileName(cover)}' is not a PNG, JPEG, GIF or WebP image");
                cover = null;
            }

            var uses = step.Integer(element, "downloadUses", at + ".downloadUses", required: false, 1, 1000);
            var hours = step.Integer(element, "downloadExpiryHours", at + ".downloadExpiryHours", required: false, 1, 24 * 3650);
            var published = step.Boolean(element, "published", at + ".published") ?? false;
            if (slug is not null && title is not null && price is not null && currency is not null && master is not null)
            {
                items.Add(new ProductItem(index - 1, slug, title, description, price.Value, currency, master, cover,
                    (int?)uses, (int?)hours, published));
            }
        }

        return items;
    }

    private sealed record ProductItem(
        int Index, string Slug, string Title, string Description, long Price, string Currency, string MasterPath, string? CoverPath,
        int? DownloadUses, int? DownloadExpiryHours, bool Published);
}
