using System.Text.Json.Nodes;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Taxonomies;

/// <summary>
/// A small catalogue sorted into a tree (Guides › Electronics › CAN bus, Guides › Woodwork) and two tags, set up by recipe.
/// </summary>
internal static class TaxonomyShop
{
    public static JsonObject Category(string slug, string name, string? parent = null, string? description = null)
    {
        var item = new JsonObject { ["slug"] = slug, ["name"] = name };
        if (parent is not null)
        {
            item["parent"] = parent;
        }

        if (description is not null)
        {
            item["description"] = description;
        }

        return item;
    }

    public static JsonObject Step(JsonObject[] categories, params JsonObject[] tags) => new()
    {
        ["name"] = "taxonomies",
        ["categories"] = new JsonArray([.. categories]),
        ["tags"] = new JsonArray([.. tags]),
    };

    public static JsonObject Tag(string slug, string name) => new() { ["slug"] = slug, ["name"] = name };

    public static JsonObject Product(string slug, string title, string[] categories, string[] tags, bool published = true)
    {
        var product = TestRecipe.Product(slug, title, published: published);
        product["categories"] = new JsonArray([.. categories.Select(c => JsonValue.Create(c))]);
        product["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]);
        return product;
    }

    public static TestRecipe Recipe() => new TestRecipe().Settings("Field Guides")
        .Step(Step(
            [
                Category("guides", "Guides", description: "Every **guide** we write."),
                Category("electronics", "Electronics", "guides"),
                Category("can-bus", "CAN bus", "electronics"),
                Category("woodwork", "Woodwork", "guides"),
            ],
            Tag("beginner", "Beginner"), Tag("advanced", "Advanced")))
        .Products(
            Product("can-bus-guide", "CAN Bus Guide", ["can-bus"], ["beginner"]),
            Product("soldering", "Soldering for Makers", ["electronics"], ["advanced"]),
            Product("joinery", "Joinery Basics", ["woodwork"], ["beginner"]),
            Product("unreleased", "Unreleased Circuits", ["electronics"], ["beginner"], published: false));

    public static async Task ImportAsync(StorefrontApp app, TestRecipe recipe)
    {
        using var folder = new TempFolder();
        await app.ImportAsync(recipe.WriteTo(folder.Path));
    }

    public static async Task<string> GetAsync(StorefrontApp app, string path)
    {
        using var client = app.CreateHttpClient();
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }
}
