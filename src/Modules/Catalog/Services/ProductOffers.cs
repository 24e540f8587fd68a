using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Audit;
using Storefront.Core.Data;

namespace Storefront.Catalog.Services;

/// <summary>A checked offer, ready to stage: <see cref="StockChanged"/> says whether the editor set a new count.</summary>
public sealed record ProductOffer(IReadOnlyList<Guid> BundleItems, bool PayWhatYouWant, long Minimum, long Suggested, bool StockChanged, int? Stock);

/// <summary>The product form's bundle, pay-what-you-want and stock fields: checked together, staged with the product's save.</summary>
public sealed class ProductOffers(StorefrontDbContext db, AuditLog audit)
{
    public const int MaxStock = 1_000_000;

    /// <summary>Products that can go into a bundle: everything not archived except the bundle itself.</summary>
    public Task<List<Product>> CandidatesAsync(Guid? bundleId, CancellationToken cancellationToken) =>
        db.Set<Product>().AsNoTracking().Where(p => p.ArchivedAt == null && p.Id != bundleId).OrderBy(p => p.Title).ToListAsync(cancellationToken);

    public async Task<List<Guid>> ContentsAsync(Guid bundleId, CancellationToken cancellationToken) =>
        await db.Set<BundleItem>().AsNoTracking().Where(b => b.BundleId == bundleId).OrderBy(b => b.Position).Select(b => b.ItemId)
            .ToListAsync(cancellationToken);

    public static ProductOfferForm FormFor(Product product, IReadOnlyList<Guid> contents) => new()
    {
        BundleItems = [.. contents],
        PayWhatYouWant = product.PayWhatYouWant,
        MinimumPrice = product.PayWhatYouWant ? PriceInput.Format(product.MinimumPriceMinor, product.Currency) : null,
        SuggestedPrice = product.PayWhatYouWant ? PriceInput.Format(product.SuggestedPriceMinor, product.Currency) : null,
        Stock = product.StockLeft?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StockShown = product.StockLeft?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The offer, or null after reporting each problem as (field, message).</summary>
    public async Task<ProductOffer?> ReadAsync(Product? product, ProductOfferForm form, string currency, Action<string, string> error,
        CancellationToken cancellationToken)
    {
        var failed = false;
        void fail(string field, string message)
        {
            failed = true;
            error(field, message);
        }

        long minimum = 0, suggested = 0;
        if (form.PayWhatYouWant && Money.IsKnownCurrency(currency))
        {
            if (!PriceInput.TryParse(string.IsNullOrWhiteSpace(form.MinimumPrice) ? "0" : form.MinimumPrice, currency, "minimum", out minimum, out var problem))
            {
                fail("Offer.MinimumPrice", problem!);
            }

            if (string.IsNullOrWhiteSpace(form.SuggestedPrice))
            {
                suggested = minimum;
            }
            else if (!PriceInput.TryParse(form.SuggestedPrice, currency, "suggested amount", out suggested, out problem))
            {
                fail("Offer.SuggestedPrice", problem!);
            }
            else if (suggested < minimum)
            {
                fail("Offer.SuggestedPrice", $"The suggested amount cannot be below the minimum of {Money.Format(minimum, currency)}.");
            }
        }

        var stockText = form.Stock?.Trim() ?? "";
        int? stock = null;
        var stockChanged = product is null || stockText != (form.StockShown?.Trim() ?? "");
        if (stockText.Length > 0)
        {
            if (!int.TryParse(stockText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var units)
                || units > MaxStock)
            {
                fail("Offer.Stock", $"Enter the stock as a whole number of units from 0 to {MaxStock}, or leave it empty for no limit.");
            }
            else if (units < 0)
            {
                fail("Offer.Stock", "The stock cannot be below zero: enter 0 to show the product as sold out, or leave it empty for no limit.");
            }
            else
            {
                stock = units;
            }
        }

        var items = form.BundleItems.Distinct().ToList();
        if (items.Count > 0 && await BundleProblemAsync(product?.Id, items, cancellationToken) is { } bundleProblem)
        {
            fail("Offer.BundleItems", bundleProblem);
        }

        return failed ? null : new ProductOffer(items, form.PayWhatYouWant, minimum, suggested, stockChanged, stock);
    }

    /// <summary>Stages the offer on <paramref name="product"/> (new or loaded) with an audit entry for each part that changed.</summary>
    public async Task StageAsync(Product product, ProductOffer offer, CancellationToken cancellationToken)
    {
        var target = "product " + product.Slug;
        if (product.PayWhatYouWant != offer.PayWhatYouWant || product.MinimumPriceMinor != offer.Minimum || product.SuggestedPriceMinor != offer.Suggested)
        {
            audit.Record("product.pay-what-you-want", target, offer.PayWhatYouWant
                ? $"minimum {offer.Minimum}, suggested {offer.Suggested} {product.Currency}"
                : "fixed price");
        }

        product.PayWhatYouWant = offer.PayWhatYouWant;
        product.MinimumPriceMinor = offer.Minimum;
        product.SuggestedPriceMinor = offer.Suggested;
        if (offer.StockChanged && product.StockLeft != offer.Stock)
        {
            audit.Record("product.stock", target, $"units available: {product.StockLeft?.ToString() ?? "unlimited"} → {offer.Stock?.ToString() ?? "unlimited"}");
            product.StockLeft = offer.Stock;
        }

        if (!await BundleContents.StageAsync(db, product.Id, offer.BundleItems, cancellationToken))
        {
            return;
        }

        audit.Record("product.bundle", target, offer.BundleItems.Count == 0 ? "no longer a bundle" : $"{offer.BundleItems.Count} products inside");
    }

    private async Task<string?> BundleProblemAsync(Guid? bundleId, List<Guid> items, CancellationToken cancellationToken)
    {
        if (bundleId is { } self && items.Contains(self))
        {
            return "A bundle cannot contain itself.";
        }

        var found = await db.Set<Product>().AsNoTracking().Where(p => items.Contains(p.Id)).Select(p => new { p.Id, p.Title, p.ArchivedAt })
            .ToListAsync(cancellationToken);
        if (found.Count != items.Count)
        {
            return "One of the chosen products no longer exists: reload the page and choose again.";
        }

        if (found.FirstOrDefault(p => p.ArchivedAt != null) is { } archived)
        {
            return $"“{archived.Title}” is archived and cannot be sold in a bundle.";
        }

        if (bundleId is not { } id)
        {
            // A new product is inside no bundle yet, so it cannot close a cycle.
            return null;
        }

        var contents = (await db.Set<BundleItem>().AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(b => b.BundleId).ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(b => b.ItemId).ToList());
        contents[id] = items;
        if (BundleCycles.Find(id, contents) is not { } cycle)
        {
            return null;
        }

        var titles = await db.Set<Product>().AsNoTracking().Where(p => cycle.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, cancellationToken);
        return "A bundle cannot contain a bundle that contains it: " + string.Join(" → ", cycle.Select(c => $"“{titles.GetValueOrDefault(c, "this product")}”")) + ".";
    }
}
