using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.External;
using Storefront.Catalog.Findability;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Recipes;
using Storefront.Media.Library;
using Storefront.Media.Storage;

namespace Storefront.Catalog.Recipes;

/// <summary>
/// <c>{ "name": "products", "products": [ { "slug", "title", "description", "price", "currency",
/// "master", "cover", "coverAlt", "downloadUses", "downloadExpiryHours", "published", "externalUrl", "bundle", "payWhatYouWant", "stock", "stampShows" } ] }</c>
/// and the optional SEO fields of <see cref="SeoRecipeFields"/>
/// (the last three as <see cref="ProductOfferFields"/> reads them; a bundle or an external product needs no master of its own).
/// Products are matched by slug; files are stored under content-addressed keys, so importing the
/// same recipe again writes nothing. A cover joins the media library, as one uploaded in the admin
/// does, with <c>coverAlt</c> as its alternative text (default: "Cover of {title}").
/// </summary>
internal sealed class ProductsRecipeStep(
    StorefrontDbContext db, IBlobStore blobs, IImageLibrary images, IEnumerable<IMasterFileValidator> validators, TimeProvider clock,
    BundleRecipeLinks bundles)
    : ItemsRecipeStep<ProductsRecipeStep.ProductItem>
{
    public override string Name => "products";

    public override async Task ValidateAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var items = Read(step);
        await bundles.CheckAsync(step, [.. items.Select(i => (i.Index, i.Slug, i.Offer.Bundle))], cancellationToken);
        // A cover is held to the limits of an upload in the admin: a recipe cannot put an image in the library that the
        // library would refuse.
        foreach (var item in items.Where(i => i.CoverPath is not null))
        {
            await using var cover = File.OpenRead(item.CoverPath!);
            if (images.Refusal(cover) is { } problem)
            {
                step.Error($"products[{item.Index}].cover", $"'{Path.GetFileName(item.CoverPath)}' cannot be a cover: {problem}");
            }
        }

        foreach (var item in items.Where(i => i.MasterPath is not null))
        {
            foreach (var validator in validators)
            {
                await using var master = File.OpenRead(item.MasterPath!);
                var verdict = await validator.CheckAsync(Path.GetFileName(item.MasterPath!), master, cancellationToken);
                if (!verdict.Accepted)
                {
                    step.Error($"products[{item.Index}].master", $"'{Path.GetFileName(item.MasterPath)}' cannot be sold: {verdict.Problem}");
                }
            }
        }
    }

    protected override async Task<bool> ApplyAsync(ProductItem item, CancellationToken cancellationToken)
    {
        var masterKey = item.MasterPath is null ? null : await StoredFile.PutAsync(blobs, BlobArea.Private, "masters", item.MasterPath, cancellationToken);
        var coverKey = item.CoverPath is null ? null : await StoredFile.PutAsync(blobs, BlobArea.Public, "covers", item.CoverPath, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var product = await db.Set<Product>().FirstOrDefaultAsync(p => p.Slug == item.Slug, cancellationToken);
        if (product is null)
        {
            product = new Product { Slug = item.Slug, Title = item.Title, CreatedAt = now, UpdatedAt = now };
            db.Add(product);
        }

        product.Title = item.Title;
        product.Description = item.Description;
        product.PriceMinor = item.Price;
        product.Currency = item.Currency;
        product.MasterKey = masterKey;
        product.MasterFileName = item.MasterPath is null ? null : Path.GetFileName(item.MasterPath);
        product.CoverKey = coverKey;
        product.DownloadUses = item.DownloadUses;
        product.DownloadExpiryHours = item.DownloadExpiryHours;
        product.Published = item.Published;
        product.ExternalUrl = item.ExternalUrl;
        product.PayWhatYouWant = item.Offer.PayWhatYouWant;
        product.MinimumPriceMinor = item.Offer.Minimum ?? 0;
        product.SuggestedPriceMinor = item.Offer.Suggested ?? 0;
        product.StockLeft = item.Offer.Stock;
        product.StampPrivacy = item.StampShows;
        item.Seo.ApplyTo(product);
        var addedToLibrary = coverKey is not null && await AddToLibraryAsync(coverKey, item, cancellationToken);
        if (!Changed(db, product) && !addedToLibrary)
        {
            return false;
        }

        product.UpdatedAt = now;
        return true;
    }

    protected override Task<int> LinkAsync(List<ProductItem> items, CancellationToken cancellationToken) =>
        bundles.StageAsync([.. items.Select(i => (i.Slug, i.Offer.Bundle))], cancellationToken);

    private Task<bool> AddToLibraryAsync(string coverKey, ProductItem item, CancellationToken cancellationToken) =>
        images.AddAsync(new LibraryImage(coverKey, Path.GetFileName(item.CoverPath!), item.CoverType!, new FileInfo(item.CoverPath!).Length,
            item.CoverAlt ?? $"Cover of {item.Title}"), cancellationToken);

    protected override List<ProductItem> Read(RecipeStepContext step)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        return step.Items("products", "products", (element, at, index) =>
        {
            var slug = CatalogRecipeFields.Slug(step, element, at, slugs, "product");
            var title = CatalogRecipeFields.Title(step, element, at);
            var description = step.OptionalString(element, "description", at + ".description") ?? "";
            if (LongTexts.Problem("description", description) is { } tooLong)
            {
                step.Error(at + ".description", tooLong);
            }

            var price = step.Integer(element, "price", at + ".price", required: true, 0, 99_999_999);
            var currency = step.RequiredString(element, "currency", at + ".currency")?.ToLowerInvariant();
            if (currency is not null && !Money.IsKnownCurrency(currency))
            {
                step.Error(at + ".currency", $"'{currency}' must be a three-letter ISO 4217 code such as 'usd'");
                currency = null;
            }

            var externalUrl = ExternalProductFields.Read(step, element, at);
            var offer = ProductOfferFields.Read(step, element, at);
            // A product sold on another shop delivers nothing from here, so it needs no master (a bad address is reported on its own);
            // neither does a bundle, which delivers what it contains.
            var master = step.ExistingFile(element, "master", at + ".master",
                required: !element.TryGetProperty("externalUrl", out _) && (offer is null || offer.Bundle.Count == 0));
            var cover = step.ExistingFile(element, "cover", at + ".cover", required: false);
            var coverType = cover is null ? null : ImageFormats.Detect(cover);
            if (cover is not null && coverType is null)
            {
                step.Error(at + ".cover", $"'{Path.GetFileName(cover)}' is not a {ImageFormats.Accepted} image");
                cover = null;
            }

            var coverAlt = step.OptionalString(element, "coverAlt", at + ".coverAlt")?.Trim();
            var uses = step.Integer(element, "downloadUses", at + ".downloadUses", required: false, 1, 1000);
            var hours = step.Integer(element, "downloadExpiryHours", at + ".downloadExpiryHours", required: false, 1, 24 * 3650);
            var published = step.Boolean(element, "published", at + ".published") ?? false;
            var seo = SeoRecipeFields.Read(step, element, at);
            var stampShows = StampShowsField.Read(step, element, at);
            return slug is null || title is null || price is null || currency is null || offer is null
                || (master is null && externalUrl is null && offer.Bundle.Count == 0)
                ? null
                : new ProductItem(index, slug, title, description, price.Value, currency, master, cover, coverType, coverAlt, (int?)uses, (int?)hours, published)
                {
                    ExternalUrl = externalUrl,
                    Offer = offer,
                    Seo = seo,
                    StampShows = stampShows,
                };
        });
    }

    internal sealed record ProductItem(
        int Index, string Slug, string Title, string Description, long Price, string Currency, string? MasterPath, string? CoverPath,
        string? CoverType, string? CoverAlt, int? DownloadUses, int? DownloadExpiryHours, bool Published)
    {
        public string? ExternalUrl { get; init; }
        public required ProductOfferFields Offer { get; init; }
        public required SeoFields Seo { get; init; }
        public Core.Privacy.StampPrivacy? StampShows { get; init; }
    }
}
