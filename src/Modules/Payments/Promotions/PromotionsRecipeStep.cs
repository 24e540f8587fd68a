using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Recipes;

namespace Storefront.Payments.Promotions;

/// <summary>
/// The <c>promotions</c> step: codes matched by code (whatever the case). A missing active code is created at Stripe and in our
/// table; a missing inactive or expired one is recorded as deactivated, without Stripe, so an export of a shop round-trips;
/// an existing one is left as it is, except that <c>"active": false</c> deactivates it.
/// <code>{ "code": "SPRING-10", "percentOff": 10 | "amountOff": 500, "currency": "usd", "expires": "2030-01-01T00:00:00Z",
///   "maxRedemptions": 100, "products": ["slug"], "oncePerCustomer": false, "active": true }</code>
/// </summary>
internal sealed class PromotionsRecipeStep(StorefrontDbContext db, PromotionCodes codes, TimeProvider clock) : ItemsRecipeStep<PromotionsRecipeStep.Item>
{
    public override string Name => "promotions";

    protected override List<Item> Read(RecipeStepContext step)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var seen = new HashSet<string>();
        return step.Items("promotions", "promotion codes", (element, at, index) =>
        {
            var code = step.RequiredString(element, "code", $"{at}.code");
            var percent = step.Integer(element, "percentOff", $"{at}.percentOff", false, 1, 100);
            var amount = step.Integer(element, "amountOff", $"{at}.amountOff", false, 1, long.MaxValue);
            var (hasPercent, hasAmount) = (Present(element, "percentOff"), Present(element, "amountOff"));
            if (hasPercent == hasAmount)
            {
                step.Error($"{at}.{(hasPercent ? "amountOff" : "percentOff")}", hasPercent
                    ? "give either percentOff or amountOff, not both"
                    : "give either percentOff (1–100) or amountOff (in the currency's minor unit)");
            }

            var currency = step.OptionalString(element, "currency", $"{at}.currency")?.Trim().ToLowerInvariant();
            var expiresText = step.OptionalString(element, "expires", $"{at}.expires");
            DateTime? expires = null;
            if (expiresText is not null)
            {
                if (DateTime.TryParse(expiresText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    expires = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
                }
                else
                {
                    step.Error($"{at}.expires", "must be a date and time such as 2030-01-31T18:00:00Z");
                }
            }

            var maxRedemptions = step.Integer(element, "maxRedemptions", $"{at}.maxRedemptions", false, 1, int.MaxValue);
            var slugs = new List<string>();
            if (element.TryGetProperty("products", out var products) && products.ValueKind != JsonValueKind.Null)
            {
                if (products.ValueKind != JsonValueKind.Array || products.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String))
                {
                    step.Error($"{at}.products", "must be an array of product slugs");
                }
                else
                {
                    slugs.AddRange(products.EnumerateArray().Select(p => p.GetString()!.Trim()));
                }
            }

            var oncePerCustomer = step.Boolean(element, "oncePerCustomer", $"{at}.oncePerCustomer") ?? false;
            var active = step.Boolean(element, "active", $"{at}.active") ?? true;
            // A field already reported (missing, mistyped or out of range) is not judged a second time.
            if (code is null || hasPercent == hasAmount || (hasPercent ? percent : amount) is null || (expiresText is not null && expires is null))
            {
                return null;
            }

            var draft = new PromotionDraft(code, percent is null ? DiscountKind.Amount : DiscountKind.Percent, percent ?? amount ?? 0, currency, expires,
                maxRedemptions, slugs, oncePerCustomer);
            // An expired code can only come back as a record of what was; the date is checked only for codes still to be redeemed.
            var usable = active && (expires is null || expires > now);
            foreach (var (field, message) in draft.Problems(usable ? now : DateTime.MinValue))
            {
                step.Error($"{at}.{RecipeField(field, percent is not null)}", message);
            }

            if (!seen.Add(PromotionCode.Normalize(code)))
            {
                step.Error($"{at}.code", $"the code {PromotionCode.Normalize(code)} is listed twice");
            }

            return new Item(draft, usable, active, $"step {step.Index + 1} ('{Name}'), field '{at}");
        });
    }

    protected override async Task<bool> ApplyAsync(Item item, CancellationToken cancellationToken)
    {
        var normalized = PromotionCode.Normalize(item.Draft.Code);
        var existing = await db.Set<PromotionCode>().FirstOrDefaultAsync(p => p.NormalizedCode == normalized, cancellationToken);
        if (existing is not null)
        {
            if (item.Active || existing.DeactivatedAt is not null)
            {
                return false;
            }

            return await codes.DeactivateAsync(existing.Id, cancellationToken) is { } refused
                ? throw new RecipeException([$"{item.Where}.active': {refused}"])
                : true;
        }

        if (!item.Usable)
        {
            db.Add(new PromotionCode
            {
                Code = item.Draft.Code, NormalizedCode = normalized, Kind = item.Draft.Kind, Value = item.Draft.Value,
                Currency = item.Draft.Kind == DiscountKind.Amount ? item.Draft.Currency : null, ExpiresAt = item.Draft.ExpiresAt,
                MaxRedemptions = item.Draft.MaxRedemptions, OncePerCustomer = item.Draft.OncePerCustomer,
                CreatedAt = clock.GetUtcNow().UtcDateTime, DeactivatedAt = clock.GetUtcNow().UtcDateTime,
            });
            return true;
        }

        var outcome = await codes.CreateAsync(item.Draft, cancellationToken);
        return outcome.Succeeded ? true
            : throw new RecipeException(outcome.Problems.Select(p => $"{item.Where}.{RecipeField(p.Field, item.Draft.Kind == DiscountKind.Percent)}': {p.Message}").ToList());
    }

    private static bool Present(System.Text.Json.JsonElement element, string field) =>
        element.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

    private static string RecipeField(string field, bool percent) => field switch
    {
        "value" => percent ? "percentOff" : "amountOff",
        _ => field,
    };

    internal sealed record Item(PromotionDraft Draft, bool Usable, bool Active, string Where);
}
