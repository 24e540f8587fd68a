using System.Text.Json;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.External;

/// <summary>The <c>products</c> recipe step's <c>externalUrl</c>: checked as the admin form checks it.</summary>
internal static class ExternalProductFields
{
    public static string? Read(RecipeStepContext step, JsonElement element, string at)
    {
        var text = step.OptionalString(element, "externalUrl", at + ".externalUrl");
        if (!ExternalUrl.TryNormalize(text, out var url, out var problem))
        {
            step.Error(at + ".externalUrl", problem!);
        }

        return url;
    }
}
