using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Core.Audit;
using Storefront.Core.Data;

namespace Storefront.Catalog.Versions;

/// <summary>
/// A product's pending draft: saved without touching the products row (so the storefront, its cache, search and checkout
/// keep the live version), shown by the form and the preview, and published onto the row in one save.
/// </summary>
public sealed class ProductDrafts(
    StorefrontDbContext db, ProductEditor editor, ProductOffers offers, AuditLog audit, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>The newest draft saved after the live version, or null when the product has none waiting.</summary>
    public Task<ProductVersion?> PendingAsync(Product product, CancellationToken cancellationToken) =>
        db.Set<ProductVersion>().AsNoTracking().Where(v => v.ProductId == product.Id && v.IsDraft && v.Number > product.LiveVersion)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);

    /// <summary>What the editor is working on: an untracked copy showing the pending draft, or the product itself.</summary>
    public async Task<Product> EditedAsync(Product product, CancellationToken cancellationToken) =>
        await PendingAsync(product, cancellationToken) is { } draft ? ProductContent.Parse(draft.Content).AsCopyOf(product) : product;

    public Task<List<ProductVersion>> HistoryAsync(Guid productId, CancellationToken cancellationToken) =>
        db.Set<ProductVersion>().AsNoTracking().Where(v => v.ProductId == productId).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);

    /// <summary>
    /// Checks the form as the editor's Save does (as if publishing), then keeps it as a draft; the products row is not
    /// touched. Null after reporting each problem as (field, message).
    /// </summary>
    public async Task<ProductVersion?> SaveAsync(Product live, ProductForm form, IFormFile? cover, bool formIsValid, Action<string, string> report,
        CancellationToken cancellationToken)
    {
        var valid = formIsValid;
        if (!form.Offer.BundleItems.SequenceEqual(await offers.ContentsAsync(live.Id, cancellationToken)) || form.Offer.Stock != form.Offer.StockShown)
        {
            // Both are what checkout sells right now, so a draft cannot hold them back; saying so keeps the editor's change.
            report("Offer.BundleItems", "Bundle contents and units available change what buyers can take at once: use Save for them, not Save draft.");
            valid = false;
        }

        form.Published = true;
        var edited = await editor.SaveAsync(ProductContent.Of(live).AsCopyOf(live), form, cover, valid, report, cancellationToken);
        return edited is null ? null : await AddDraftAsync(live, ProductContent.Of(edited) with { Published = live.Published }, null, cancellationToken);
    }

    /// <summary>An earlier version becomes the pending draft; buyers keep seeing the live one until it is published.</summary>
    public async Task<ProductVersion?> RestoreAsync(Product live, int number, CancellationToken cancellationToken)
    {
        var version = await db.Set<ProductVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.ProductId == live.Id && v.Number == number, cancellationToken);
        return version is null ? null
            : await AddDraftAsync(live, ProductContent.Parse(version.Content) with { Published = live.Published }, $"restored version {number}", cancellationToken);
    }

    /// <summary>Puts the pending draft (if any) on sale. Returns why not, for the editor, or null when it was published.</summary>
    public async Task<string?> PublishAsync(Product live, CancellationToken cancellationToken)
    {
        var draft = await PendingAsync(live, cancellationToken);
        var content = draft is null ? ProductContent.Of(live) : ProductContent.Parse(draft.Content);
        if (await db.Set<Product>().AnyAsync(p => p.Slug == content.Slug && p.Id != live.Id, cancellationToken))
        {
            return $"The slug '{content.Slug}' is now used by another product: open the draft, choose another slug and save it again.";
        }

        if (content.MasterKey is null && content.ExternalUrl is null && (await offers.ContentsAsync(live.Id, cancellationToken)).Count == 0)
        {
            return "Upload a master file before publishing: buyers would receive nothing.";
        }

        content.ApplyTo(live);
        live.Published = true;
        live.ArchivedAt = null;
        live.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("product.published", "product " + live.Slug, draft is null ? null : $"draft version {draft.Number}");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task UnpublishAsync(Product live, CancellationToken cancellationToken)
    {
        live.Published = false;
        live.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("product.unpublished", "product " + live.Slug);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<ProductVersion> AddDraftAsync(Product live, ProductContent content, string? changes, CancellationToken cancellationToken)
    {
        var described = changes ?? content.ChangesFrom(ProductContent.Of(live));
        var version = new ProductVersion
        {
            ProductId = live.Id, Number = await VersionNumbers.NextAsync(db, live.Id, cancellationToken), IsDraft = true, Content = content.ToJson(),
            Changes = described.Length > 0 ? described : "no change from the live version",
            Author = VersionAuthor.Of(http), CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(version);
        audit.Record("product.draft-saved", "product " + live.Slug, $"version {version.Number}: {version.Changes}");
        await db.SaveChangesAsync(cancellationToken);
        return version;
    }
}
