using System.Text.Json;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Recipes;

/// <summary>
/// How a recipe's product is offered: <c>"bundle": ["slug", …]</c> (the products inside it, matched by slug anywhere in
/// the step or the shop), <c>"payWhatYouWant": { "minimum": 500, "suggested": 1500 }</c> (minor units) and <c>"stock": 5</c>
/// (units available; absent for no limit). A field left out means the product does not use it.
/// </summary>
internal sealed record ProductOfferFields(IReadOnlyList<string> Bundle, long? Minimum, long? Suggested, int? Stock)
{
    public bool PayWhatYouWant => Minimum is not null;

    /// <summary>The fields, or null after naming each problem.</summary>
    public static ProductOfferFields? Read(RecipeStepContext step, JsonElement element, string at)
    {
        var failed = false;
        var bundle = new List<string>();
        if (element.TryGetProperty("bundle", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                step.Error(at + ".bundle", "must be an array of product slugs");
                failed = true;
            }
            else
            {
                var index = 0;
                foreach (var slug in list.EnumerateArray())
                {
                    if (slug.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(slug.GetString()))
                    {
                        step.Error($"{at}.bundle[{index}]", "must be a product's slug");
                        failed = true;
                    }
                    else if (!bundle.Contains(slug.GetString()!.Trim()))
                    {
                        bundle.Add(slug.GetString()!.Trim());
                    }

                    index++;
                }
            }
        }

        long? minimum = null, suggested = null;
        if (element.TryGetProperty("payWhatYouWant", out var pwyw) && pwyw.ValueKind != JsonValueKind.Null)
        {
            if (pwyw.ValueKind != JsonValueKind.Object)
            {
                step.Error(at + ".payWhatYouWant", "must be an object such as { \"minimum\": 500, \"suggested\": 1500 }");
                failed = true;
            }
            else
            {
                minimum = step.Integer(pwyw, "minimum", at + ".payWhatYouWant.minimum", required: true, 0, 99_999_999);
                suggested = step.Integer(pwyw, "suggested", at + ".payWhatYouWant.suggested", required: false, 0, 99_999_999) ?? minimum;
                if (minimum is null)
                {
                    failed = true;
                }
                else if (suggested < minimum)
                {
                    step.Error(at + ".payWhatYouWant.suggested", $"must not be below the minimum ({minimum})");
                    failed = true;
                }
            }
        }

        var hadStock = element.TryGetProperty("stock", out var stockValue) && stockValue.ValueKind != JsonValueKind.Null;
        var stock = step.Integer(element, "stock", at + ".stock", required: false, 0, Services.ProductOffers.MaxStock);
        failed |= hadStock && stock is null;
        return failed ? null : new ProductOfferFields(bundle, minimum, suggested, (int?)stock);
    }
}
