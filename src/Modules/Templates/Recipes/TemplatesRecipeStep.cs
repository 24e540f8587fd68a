using System.Text.Json;
using Storefront.Core.Recipes;
using Storefront.Templates.Data;
using Storefront.Templates.Rendering;

namespace Storefront.Templates.Recipes;

/// <summary>
/// <c>{ "name": "templates", "templates": [ { "name": "product.details", "body": "Liquid…" } ] }</c>; a null body puts the
/// built-in back. Each template becomes the version in use unless it is already; a body that does not parse refuses the
/// recipe, with the line and column, as the admin would refuse it.
/// </summary>
internal sealed class TemplatesRecipeStep(TemplateStore store, LiquidSandbox sandbox) : ItemsRecipeStep<TemplatesRecipeStep.TemplateItem>
{
    public const string StepName = "templates";

    public override string Name => StepName;

    protected override List<TemplateItem> Read(RecipeStepContext step)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        return step.Items(StepName, "templates", (element, at, index) =>
        {
            var name = step.RequiredString(element, "name", at + ".name");
            if (name is not null && sandbox.Find(name) is null)
            {
                step.Error(at + ".name", $"there is no template '{name}'; the shop has {string.Join(", ", sandbox.All.Select(d => d.Name))}");
                return null;
            }

            if (name is not null && !names.Add(name))
            {
                step.Error(at + ".name", $"'{name}' is listed twice: each template appears once");
                return null;
            }

            if (!element.TryGetProperty("body", out var value) || value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                step.Error(at + ".body", "is required: the template's Liquid as a string, or null for the built-in");
                return null;
            }

            var body = value.GetString();
            if (body is not null && !sandbox.TryParse(body, out _, out var problem))
            {
                step.Error(at + ".body", problem);
                return null;
            }

            return name is null ? null : new TemplateItem(name, body);
        });
    }

    protected override Task<bool> ApplyAsync(TemplateItem item, CancellationToken cancellationToken) =>
        store.StageAsync(item.Name, item.Body, item.Body is null ? "Reset to the built-in by a recipe" : "Imported from a recipe", "recipe", cancellationToken);

    internal sealed record TemplateItem(string Name, string? Body);
}
