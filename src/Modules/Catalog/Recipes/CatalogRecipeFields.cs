using System.Text.Json;
using Storefront.Catalog.Models;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Recipes;

/// <summary>The fields products and pages share in a recipe: the slug they are matched by, and the title.</summary>
internal static class CatalogRecipeFields
{
    public const int MaxTitleLength = 200;

    /// <summary>A valid slug not used earlier in the same step, or null after naming the problem.</summary>
    public static string? Slug(RecipeStepContext step, JsonElement element, string at, HashSet<string> seen, string what)
    {
        var slug = step.RequiredString(element, "slug", at + ".slug");
        if (slug is not null && !Slugs.IsValid(slug))
        {
            step.Error(at + ".slug", $"'{slug}' must be lower-case letters, digits and hyphens (at most {Slugs.MaxLength}), e.g. '{Slugs.From(slug)}'");
            return null;
        }

        if (slug is not null && !seen.Add(slug))
        {
            step.Error(at + ".slug", $"duplicate slug '{slug}': each {what} needs its own");
            return null;
        }

        return slug;
    }

    public static string? Title(RecipeStepContext step, JsonElement element, string at)
    {
        var title = step.RequiredString(element, "title", at + ".title");
        if (title is { Length: > MaxTitleLength })
        {
            step.Error(at + ".title", $"must be at most {MaxTitleLength} characters");
            return null;
        }

        if (title is not null && Services.Titles.HoldControlCharacters(title))
        {
            step.Error(at + ".title", "must not hold control characters (tabs, line breaks and the like)");
            return null;
        }

        return title;
    }
}
