using System.Text.Json.Nodes;
using Storefront.Catalog.Recipes;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Taxonomies.Recipes;

/// <summary>
/// The <c>taxonomies</c> step, as <see cref="TaxonomiesRecipeStep"/> reads it: categories parents first, then tags. It is
/// written before the products that name them.
/// </summary>
internal sealed class TaxonomiesExportStep(TaxonomyCatalog catalog) : IRecipeExportStep
{
    public string Name => TaxonomiesRecipeStep.StepName;

    public int Order => 250;

    public async Task ExportAsync(RecipeExport export, CancellationToken cancellationToken)
    {
        var tree = await catalog.CategoryTreeAsync(cancellationToken);
        var tags = await catalog.ListAsync(TermKinds.Tag, cancellationToken);
        if (tree.Count == 0 && tags.Count == 0)
        {
            return;
        }

        var slugOf = tree.ToDictionary(c => c.Term.Id, c => c.Term.Slug);
        var step = export.Step(Name);
        step["categories"] = new JsonArray([.. tree.Select(c => Item(c.Term, c.Term.ParentId is { } p ? slugOf.GetValueOrDefault(p) : null))]);
        step["tags"] = new JsonArray([.. tags.Select(t => Item(t, null))]);
    }

    private static JsonNode Item(TaxonomyTerm term, string? parent)
    {
        var item = new JsonObject { ["slug"] = term.Slug, ["name"] = term.Name };
        if (parent is not null)
        {
            item["parent"] = parent;
        }

        if (term.Description.Length > 0)
        {
            item["description"] = term.Description;
        }

        item["order"] = term.Position;
        SeoRecipeFields.Write(item, term);
        return item;
    }
}
