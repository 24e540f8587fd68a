using System.Text.Json.Nodes;
using Storefront.Core.Content;
using Storefront.Core.Recipes;
using Storefront.Licensing.Data;

namespace Storefront.Licensing.Recipes;

/// <summary>The <c>licenses</c> step, as <see cref="LicensesRecipeStep"/> reads it, after the products it names.</summary>
internal sealed class LicensesExportStep(ICatalogProducts catalog, LicenseTerms terms) : IRecipeExportStep
{
    public string Name => "licenses";

    public int Order => 700;

    public async Task ExportAsync(RecipeExport export, CancellationToken cancellationToken)
    {
        var items = new List<(string Slug, LicenseSettings Settings)>();
        foreach (var (productId, settings) in await terms.AllAsync(cancellationToken))
        {
            // A product deleted since keeps its row for the keys it issued, but has no slug to export under.
            if (await catalog.FindAsync(productId, cancellationToken) is { } product)
            {
                items.Add((product.Slug, settings));
            }
        }

        foreach (var (slug, settings) in items.OrderBy(i => i.Slug, StringComparer.Ordinal))
        {
            export.AddItem(Name, new JsonObject { ["product"] = slug, ["issuesKeys"] = settings.IssuesKeys, ["activationLimit"] = settings.ActivationLimit });
        }
    }
}
