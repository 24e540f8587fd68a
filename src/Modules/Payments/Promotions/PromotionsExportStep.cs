using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Recipes;

namespace Storefront.Payments.Promotions;

/// <summary>The <c>promotions</c> step, as <see cref="PromotionsRecipeStep"/> reads it, oldest first; products by slug.</summary>
internal sealed class PromotionsExportStep(StorefrontDbContext db, ICatalogProducts catalog) : IRecipeExportStep
{
    public string Name => "promotions";

    // After the products, which the codes name.
    public int Order => 350;

    public async Task ExportAsync(RecipeExport export, CancellationToken cancellationToken)
    {
        foreach (var code in await db.Set<PromotionCode>().AsNoTracking().OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken))
        {
            var slugs = new JsonArray();
            foreach (var id in code.Products)
            {
                if (await catalog.FindAsync(id, cancellationToken) is { } product)
                {
                    slugs.Add(product.Slug);
                }
            }

            var item = new JsonObject { ["code"] = code.Code };
            item[code.Kind == DiscountKind.Percent ? "percentOff" : "amountOff"] = code.Value;
            if (code.Currency is not null)
            {
                item["currency"] = code.Currency;
            }

            if (code.ExpiresAt is { } expires)
            {
                item["expires"] = DateTime.SpecifyKind(expires, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            }

            if (code.MaxRedemptions is { } max)
            {
                item["maxRedemptions"] = max;
            }

            if (slugs.Count > 0)
            {
                item["products"] = slugs;
            }

            item["oncePerCustomer"] = code.OncePerCustomer;
            item["active"] = code.DeactivatedAt is null;
            export.AddItem(Name, item);
        }
    }
}
