using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Models;
using Storefront.Catalog.Taxonomies;
using Storefront.Core.Recipes;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Taxonomies;

/// <summary>
/// The <c>taxonomies</c> step and the products' <c>categories</c>/<c>tags</c> fields: a second import changes nothing,
/// export → import into an empty shop reproduces the tree and every membership, and a bad recipe is refused whole with
/// each problem named and nothing written.
/// </summary>
public sealed class TaxonomyRecipeTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ImportIsIdempotentAndExportThenImportIntoAnEmptyShopReproducesTheTreeAndMemberships(Db db)
    {
        using var folder = new TempFolder();
        await using var source = await StorefrontApp.StartAsync(db);
        var recipe = TaxonomyShop.Recipe().WriteTo(folder.Path);
        Assert.True((await source.ImportAsync(recipe)).Changes > 0);
        Assert.Equal(0, (await source.ImportAsync(recipe)).Changes);

        var exported = Path.Combine(folder.Path, "export", "shop.recipe.json");
        await using (var scope = source.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecipeExporter>().ExportAsync(exported);
        }

        var steps = JsonNode.Parse(await File.ReadAllTextAsync(exported))!["steps"]!.AsArray().Select(s => (string)s!["name"]!).ToList();
        Assert.True(steps.IndexOf("taxonomies") >= 0 && steps.IndexOf("taxonomies") < steps.IndexOf("products"), string.Join(", ", steps));

        await using var copy = await StorefrontApp.StartAsync(db);
        Assert.True((await copy.ImportAsync(exported)).Changes > 0);
        Assert.Equal(0, (await copy.ImportAsync(exported)).Changes);

        var shape = await ShapeAsync(copy);
        Assert.Equal(await ShapeAsync(source), shape);
        Assert.Contains("category guides < (top): Guides | Every **guide** we write. | 0", shape);
        Assert.Contains("category can-bus < electronics: CAN bus |  | 2", shape);
        Assert.Contains("tag beginner < (top): Beginner |  | 0", shape);
        Assert.Contains("unreleased in category:electronics", shape);
        Assert.Contains("can-bus-guide in tag:beginner", shape);
        source.Logs.AssertNoErrors();
        copy.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ABadRecipeIsRefusedWholeNamingEachProblemAndWritesNothing(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        using var folder = new TempFolder();
        var path = new TestRecipe()
            .Step(TaxonomyShop.Step(
                [
                    TaxonomyShop.Category("a", "A", "b"),
                    TaxonomyShop.Category("b", "B", "a"),
                    TaxonomyShop.Category("orphan", "Orphan", "nowhere"),
                    TaxonomyShop.Category("Bad Slug", "Bad"),
                ],
                new JsonObject { ["slug"] = "t", ["name"] = "T", ["parent"] = "a" }))
            .Products(TaxonomyShop.Product("guide", "Guide", ["a", "missing"], ["later"]))
            .Step(TaxonomyShop.Step([], TaxonomyShop.Tag("later", "Later")))
            .WriteTo(folder.Path);

        var refused = await Assert.ThrowsAsync<RecipeException>(() => app.ImportAsync(path));

        string[] expected =
        [
            "step 1 ('taxonomies'), field 'categories[0].parent': 'a' cannot sit under 'b', which is inside it: a → b",
            "step 1 ('taxonomies'), field 'categories[1].parent': 'b' cannot sit under 'a', which is inside it: b → a",
            "step 1 ('taxonomies'), field 'categories[2].parent': no category has the slug 'nowhere', in this step or in the shop",
            "step 1 ('taxonomies'), field 'categories[3].slug': 'Bad Slug' must be lower-case letters, digits and hyphens",
            "step 1 ('taxonomies'), field 'tags[0].parent': tags have no parent: only categories form a tree",
            "step 2 ('products'), field 'products[0].categories[1]': no category has the slug 'missing', in the shop or in a 'taxonomies' step of this recipe",
            "step 2 ('products'), field 'products[0].tags[0]': the tag 'later' is defined in a 'taxonomies' step after this one: put that step before the products",
        ];
        foreach (var message in expected)
        {
            Assert.Contains(refused.Errors, e => e.StartsWith(message, StringComparison.Ordinal));
        }

        Assert.Equal(0, await app.WithDbAsync(d => d.Set<TaxonomyTerm>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Product>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    /// <summary>Every term with its parent and texts, and every membership, by slug: what must survive a round trip.</summary>
    private static Task<List<string>> ShapeAsync(StorefrontApp app) => app.WithDbAsync(async db =>
    {
        var terms = await db.Set<TaxonomyTerm>().AsNoTracking().ToListAsync();
        var slugOf = terms.ToDictionary(t => t.Id, t => t.Slug);
        var products = await db.Set<Product>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Slug);
        var links = await db.Set<ProductTerm>().AsNoTracking().ToListAsync();
        return terms.Select(t => $"{t.Kind} {t.Slug} < {(t.ParentId is { } p ? slugOf[p] : "(top)")}: {t.Name} | {t.Description} | {t.Position}")
            .Concat(links.Select(l => $"{products[l.ProductId]} in {terms.Single(t => t.Id == l.TermId).Kind}:{slugOf[l.TermId]}"))
            .Order(StringComparer.Ordinal).ToList();
    });
}
