using System.Text.Json;
using System.Text.Json.Nodes;
using Storefront.Catalog.Findability;
using Storefront.Catalog.Models;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Recipes;

/// <summary>
/// <c>"seoTitle"</c>, <c>"seoDescription"</c>, <c>"socialImage"</c>, <c>"canonicalUrl"</c> on a product or page: optional,
/// checked as the admin form checks them, and written back only when set so a recipe without them stays as it was.
/// </summary>
internal static class SeoRecipeFields
{
    private static readonly (string Json, string Property)[] Names =
    [
        ("seoTitle", nameof(SeoFields.SeoTitle)),
        ("seoDescription", nameof(SeoFields.SeoDescription)),
        ("socialImage", nameof(SeoFields.SocialImage)),
        ("canonicalUrl", nameof(SeoFields.CanonicalUrl)),
    ];

    public static SeoFields Read(RecipeStepContext step, JsonElement element, string at)
    {
        var fields = new SeoFields
        {
            SeoTitle = step.OptionalString(element, "seoTitle", at + ".seoTitle"),
            SeoDescription = step.OptionalString(element, "seoDescription", at + ".seoDescription"),
            SocialImage = step.OptionalString(element, "socialImage", at + ".socialImage"),
            CanonicalUrl = step.OptionalString(element, "canonicalUrl", at + ".canonicalUrl"),
        };
        fields.Check((property, message) => step.Error($"{at}.{Names.Single(n => n.Property == property).Json}", message));
        return fields;
    }

    public static void Write(JsonObject item, ISeoItem source)
    {
        string?[] values = [source.SeoTitle, source.SeoDescription, source.SocialImage, source.CanonicalUrl];
        for (var i = 0; i < Names.Length; i++)
        {
            if (values[i] is { } value)
            {
                item[Names[i].Json] = value;
            }
        }
    }
}
