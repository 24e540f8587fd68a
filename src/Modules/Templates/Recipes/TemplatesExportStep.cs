using System.Text.Json.Nodes;
using Storefront.Core.Recipes;
using Storefront.Templates.Data;

namespace Storefront.Templates.Recipes;

/// <summary>
/// The version in use of every template an editor changed, as <see cref="TemplatesRecipeStep"/> reads it. One put back to the
/// built-in is left out: a shop that imports the recipe has the built-in already.
/// </summary>
internal sealed class TemplatesExportStep(TemplateStore store) : IRecipeExportStep
{
    public string Name => TemplatesRecipeStep.StepName;

    public int Order => 800;

    public async Task ExportAsync(RecipeExport export, CancellationToken cancellationToken)
    {
        foreach (var (name, current) in (await store.CurrentAllAsync(cancellationToken)).Where(t => t.Value.Body is not null).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            export.AddItem(Name, new JsonObject { ["name"] = name, ["body"] = current.Body });
        }
    }
}
