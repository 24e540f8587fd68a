using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.External;
using Storefront.Catalog.Models;
using Storefront.Core.Audit;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Media.Library;
using Storefront.Media.Storage;

namespace Storefront.Catalog.Services;

/// <summary>Creates, updates and removes products for the admin; every change is audited in the same save.</summary>
public sealed class ProductEditor(
    StorefrontDbContext db, IImageLibrary images, IBlobStore blobs, AuditLog audit, IEnumerable<IProductSales> sales, TimeProvider clock,
    ProductOffers offers, Taxonomies.ProductTerms terms)
{
    public Task<Product?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Product>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    /// <summary>Saves the form, or reports each problem through <paramref name="error"/> (field, message) and returns null.</summary>
    public async Task<Product?> SaveAsync(
        Product? product, ProductForm form, IFormFile? cover, bool formIsValid, Action<string, string> report, CancellationToken cancellationToken)
    {
        var failed = !formIsValid;
        void error(string field, string message)
        {
            failed = true;
            report(field, message);
        }

        var title = form.Title.Trim();
        if (title.Length is 0 or > 200)
        {
            error(nameof(form.Title), "Enter a title of at most 200 characters.");
        }
        else if (Titles.HoldControlCharacters(title))
        {
            error(nameof(form.Title), Titles.ControlCharacterProblem);
        }

        if (LongTexts.Problem("description", form.Description) is { } tooLong)
        {
            error(nameof(form.Description), tooLong);
        }

        var slug = string.IsNullOrWhiteSpace(form.Slug) ? Slugs.From(title) : form.Slug.Trim();
        if (!Slugs.IsValid(slug))
        {
            var suggestion = Slugs.From(slug) is { Length: > 0 } made ? made : "my-guide";
            error(nameof(form.Slug), $"The slug may hold only lower-case letters, digits and single hyphens, such as '{suggestion}'.");
        }
        else if (await db.Set<Product>().FirstOrDefaultAsync(p => p.Slug == slug && p.Id != (product == null ? Guid.Empty : product.Id), cancellationToken) is { } other)
        {
            error(nameof(form.Slug), $"The slug '{slug}' is already used by “{other.Title}”. Choose another.");
        }

        var currency = form.Currency.Trim().ToLowerInvariant();
        long price = 0;
        if (!Money.IsKnownCurrency(currency))
        {
            error(nameof(form.Currency), "Enter the currency as a three-letter ISO 4217 code such as usd.");
        }
        else if (!PriceInput.TryParse(form.Price, currency, out price, out var problem))
        {
            error(nameof(form.Price), problem!);
        }

        if (!ExternalUrl.TryNormalize(form.ExternalUrl, out var externalUrl, out var urlProblem))
        {
            error(nameof(form.ExternalUrl), urlProblem!);
        }

        var masterKey = string.IsNullOrEmpty(form.MasterKey) ? null : form.MasterKey;
        if (masterKey is not null && !await IsStoredMasterAsync(masterKey, cancellationToken))
        {
            error("MasterFile", "The master file was not found: upload it again.");
        }
        else if (masterKey is null && form.Published && string.IsNullOrWhiteSpace(form.ExternalUrl) && form.Offer.BundleItems.Count == 0)
        {
            error("MasterFile", "Upload a master file before publishing: buyers would receive nothing.");
        }

        form.Seo.Check((field, message) => error($"{nameof(form.Seo)}.{field}", message));

        // A bundle may have no file of its own: its buyers receive what it contains.
        var offer = await offers.ReadAsync(product, form.Offer, currency, error, cancellationToken);
        await terms.CheckAsync(form.Terms, error, cancellationToken);
        string? coverKey = product?.CoverKey;
        var coverAlt = (form.CoverAltText ?? "").Trim();
        if (cover is { Length: > 0 })
        {
            await using var content = cover.OpenReadStream();
            var upload = await images.StoreAsync(content, cover.FileName, "covers", cancellationToken);
            if (upload.Image is null)
            {
                error("Cover", "The cover was refused: " + upload.Problem);
            }
            else
            {
                coverKey = upload.Image.Key;
                // A cover joins the library as any upload does; the library keeps what an editor wrote about it before.
                if (await images.AddAsync(upload.Image with { AltText = coverAlt }, cancellationToken))
                {
                    audit.Record("media.uploaded", "media " + upload.Image.Name, "as a product cover");
                }
            }
        }

        if (coverKey is not null && !await DescribeCoverAsync(coverKey, coverAlt, form.Published, cancellationToken))
        {
            error(nameof(form.CoverAltText), "Describe the cover in “Cover alt text” before publishing: people who cannot see the image hear this text instead.");
        }

        if (failed || offer is null)
        {
            return null;
        }

        try
        {
            return await ApplyAsync(product, form, title, slug, currency, price, masterKey, coverKey, externalUrl, offer, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A unique version number or slug: another editor saved between this form's read and its write.
            db.ChangeTracker.Clear();
            error(nameof(form.Title), ConcurrentSave);
            return null;
        }
    }

    public const string ConcurrentSave =
        "Someone else saved this product at the same moment, so this save was not made. What you typed is still here: "
        + "open the product in another tab to see their change, then save again.";

    private async Task<Product?> ApplyAsync(Product? product, ProductForm form, string title, string slug, string currency, long price,
        string? masterKey, string? coverKey, string? externalUrl, ProductOffer offer, CancellationToken cancellationToken)
    {
        var wasPublished = product?.Published ?? false;
        var now = clock.GetUtcNow().UtcDateTime;
        product ??= db.Add(new Product { Slug = slug, Title = title, CreatedAt = now, UpdatedAt = now }).Entity;
        product.Title = title;
        product.Slug = slug;
        product.Description = form.Description ?? "";
        product.PriceMinor = price;
        product.Currency = currency;
        product.DownloadUses = form.DownloadUses;
        product.DownloadExpiryHours = form.DownloadExpiryHours;
        product.StampPrivacy = form.StampShows;
        product.Published = form.Published;
        if (form.Published)
        {
            // Publishing an archived product is how an editor puts it back on sale.
            product.ArchivedAt = null;
        }

        product.MasterKey = masterKey;
        product.MasterFileName = masterKey is null ? null : MediaLibrary.SafeName(form.MasterFileName ?? masterKey.Split('/')[^1]);
        product.CoverKey = coverKey;
        form.Seo.ApplyTo(product);
        ExternalProducts.Apply(product, externalUrl, audit);
        product.UpdatedAt = now;
        var isNew = db.Entry(product).State == EntityState.Added;
        audit.Record(isNew ? "product.created" : "product.updated", "product " + slug, $"price {price} {currency}");
        if (form.Published != wasPublished)
        {
            audit.Record(form.Published ? "product.published" : "product.unpublished", "product " + slug);
        }

        await offers.StageAsync(product, offer, cancellationToken);
        await terms.StageAsync(product, form.Terms, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return product;
    }

    /// <summary>A product with orders is archived so its buyers keep their downloads; one without is deleted.</summary>
    public async Task<bool> RemoveAsync(Product product, CancellationToken cancellationToken)
    {
        var sold = false;
        foreach (var check in sales)
        {
            sold |= await check.HasOrdersAsync(product.Id, cancellationToken);
        }

        if (sold)
        {
            product.ArchivedAt = clock.GetUtcNow().UtcDateTime;
            product.Published = false;
            audit.Record("product.archived", "product " + product.Slug, "has orders, so it was archived instead of deleted");
        }
        else
        {
            // The master and cover stay in the store: content-addressed keys may be shared with other products.
            db.Remove(product);
            audit.Record("product.deleted", "product " + product.Slug);
        }

        await db.SaveChangesAsync(cancellationToken);
        return sold;
    }

    /// <summary>
    /// Stages the alt text typed on the form into the library; false when a published product's cover would still have none.
    /// </summary>
    private async Task<bool> DescribeCoverAsync(string coverKey, string altText, bool published, CancellationToken cancellationToken)
    {
        if (altText.Length > 0)
        {
            await images.StageAltTextAsync(coverKey, altText, cancellationToken);
            return true;
        }

        return !published || (await images.AltTextsAsync([coverKey], cancellationToken)).ContainsKey(coverKey);
    }

    private async Task<bool> IsStoredMasterAsync(string key, CancellationToken cancellationToken) =>
        key.StartsWith(MasterUploads.Folder + "/", StringComparison.Ordinal)
        && BlobKey.TryCreate(key, out var blobKey, out _)
        && await blobs.GetInfoAsync(BlobArea.Private, blobKey, cancellationToken) is not null;
}
