using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Selling;

public sealed class SellingRecipeTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task BundlesChosenPricesAndStockSurviveExportAndImportIntoAnEmptyShop(Db db)
    {
        await using var source = await StorefrontApp.StartAsync(db);
        var tipJar = TestRecipe.Product("tip-jar", "Tip Jar");
        tipJar["payWhatYouWant"] = new JsonObject { ["minimum"] = 0, ["suggested"] = 700 };
        await SellingShop.ImportAsync(source, SellingShop.Bundle("kit", "The Kit", "beta", "alpha"), TestRecipe.Product("alpha", "Alpha"),
            TestRecipe.Product("beta", "Beta"), SellingShop.Limited("numbered", 12), tipJar);
        using var export = new TempFolder();

        var run = await source.RunCliAsync("recipe", "export", export.File("shop.recipe.json"));

        Assert.True(run.ExitCode == 0, run.All);
        var products = JsonNode.Parse(await File.ReadAllTextAsync(export.File("shop.recipe.json")))!["steps"]!.AsArray()
            .Single(s => (string)s!["name"]! == "products")!["products"]!.AsArray().ToDictionary(p => (string)p!["slug"]!);
        Assert.Equal("[\"beta\",\"alpha\"]", products["kit"]!["bundle"]!.ToJsonString());
        Assert.Null(products["kit"]!["master"]);
        Assert.Equal(12, (int)products["numbered"]!["stock"]!);
        Assert.Equal("{\"minimum\":0,\"suggested\":700}", products["tip-jar"]!["payWhatYouWant"]!.ToJsonString());

        await using var target = await StorefrontApp.StartAsync(db);
        await target.ImportAsync(export.File("shop.recipe.json"));
        Assert.Equal(await ShapeAsync(source), await ShapeAsync(target));
        Assert.Equal(0, (await target.ImportAsync(export.File("shop.recipe.json"))).Changes);
        target.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ARecipeWithANegativeStockOrAnUnknownBundleItemIsRefusedWhole()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        var path = new TestRecipe().Products(SellingShop.Limited("numbered", -3), SellingShop.Bundle("kit", "The Kit", "nowhere")).WriteTo(folder.Path);

        var error = await Assert.ThrowsAsync<Storefront.Core.Recipes.RecipeException>(() => app.ImportAsync(path));

        Assert.Contains("field 'products[0].stock': must not be negative (got -3)", error.Message);
        Assert.Contains("field 'products[1].bundle[0]': no product has the slug 'nowhere'", error.Message);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Product>().CountAsync()));
    }

    /// <summary>What the selling fields look like, by slug, so two shops compare without their ids.</summary>
    private static Task<string> ShapeAsync(StorefrontApp app) => app.WithDbAsync(async d =>
    {
        var products = await d.Set<Product>().AsNoTracking().OrderBy(p => p.Slug).ToListAsync();
        var slugs = products.ToDictionary(p => p.Id, p => p.Slug);
        var bundles = await d.Set<BundleItem>().AsNoTracking().OrderBy(b => b.Position).ToListAsync();
        return string.Join("\n", products.Select(p =>
            $"{p.Slug} {p.PayWhatYouWant} {p.MinimumPriceMinor} {p.SuggestedPriceMinor} {p.StockLeft} {p.MasterKey is null} "
            + string.Join(",", bundles.Where(b => b.BundleId == p.Id).Select(b => slugs[b.ItemId]))));
    });
}
