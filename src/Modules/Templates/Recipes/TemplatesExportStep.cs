using System.Text.Json.Nodes;
using Storefront.Core.Recipes;
using Storefront.Templates.Data;

namespace Storefront.Templates.Recipes;

/// <summary>The version in use of every template an editor changed, as <see cref="TemplatesRecipeStep"/> reads it.</summary>
internal sealed class TemplatesExportStep(TemplateStore store) : IRecipeExportStep
{
    public string Name => TemplatesRecipeStep.StepName;

    public int Order => 800;

    public async Task ExportAsync(RecipeExport export, CancellationToken cancellationToken)
    {
        foreach (var (name, current) in (await store.CurrentAllAsync(cancellationToken)).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            export.AddItem(Name, new JsonObject { ["name"] = name, ["body"] = current.Body });
        }
    }
}
