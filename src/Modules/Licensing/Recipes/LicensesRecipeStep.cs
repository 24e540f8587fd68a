using Storefront.Core.Content;
using Storefront.Core.Recipes;
using Storefront.Licensing.Data;

namespace Storefront.Licensing.Recipes;

/// <summary>
/// <c>{ "name": "licenses", "licenses": [ { "product": "slug", "issuesKeys": true, "activationLimit": 3 } ] }</c>.
/// Products are named by slug: one already in the shop, or one the recipe's <c>products</c> step brings (that step runs
/// first, in the same transaction). Importing the same settings again changes nothing.
/// </summary>
internal sealed class LicensesRecipeStep(ICatalogProducts catalog, LicenseTerms terms) : ItemsRecipeStep<LicensesRecipeStep.LicenseItem>
{
    public override string Name => "licenses";

    public override async Task ValidateAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var declared = step.SlugsIn("products").ToHashSet(StringComparer.Ordinal);
        foreach (var item in Read(step).Where(i => !declared.Contains(i.Slug)))
        {
            if (await catalog.FindBySlugAsync(item.Slug, cancellationToken) is null)
            {
                step.Error($"licenses[{item.Index}].product", $"there is no product '{item.Slug}' in the shop or in this recipe's products step");
            }
        }
    }

    protected override async Task<bool> ApplyAsync(LicenseItem item, CancellationToken cancellationToken)
    {
        var product = await catalog.FindBySlugAsync(item.Slug, cancellationToken)
            ?? throw new InvalidOperationException($"Product '{item.Slug}' was validated but is gone.");
        return await terms.StageAsync(product.Id, product.Slug, item.Settings, cancellationToken);
    }

    protected override List<LicenseItem> Read(RecipeStepContext step)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        return step.Items("licenses", "products' licence settings", (element, at, index) =>
        {
            var slug = step.RequiredString(element, "product", at + ".product");
            if (slug is not null && !slugs.Add(slug))
            {
                step.Error(at + ".product", $"'{slug}' is listed twice: each product's licence settings appear once");
                slug = null;
            }

            var issues = step.Boolean(element, "issuesKeys", at + ".issuesKeys") ?? true;
            var limit = step.Integer(element, "activationLimit", at + ".activationLimit", required: true, 1, LicenseSettings.MaxActivationLimit);
            return slug is null || limit is null ? null : new LicenseItem(index, slug, new LicenseSettings(issues, (int)limit));
        });
    }

    internal sealed record LicenseItem(int Index, string Slug, LicenseSettings Settings);
}
