using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Recipes;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Templates;

public sealed class TemplateRecipeTests
{
    private const string Aside = "<p class=\"aside\">{{ product.title }} ships as a PDF.</p>";

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TemplatesTravelThroughExportIntoAnEmptyShopAndImportingAgainChangesNothing(Db db)
    {
        await using var source = await StorefrontApp.StartAsync(db);
        using var recipe = new TempFolder();
        var path = new TestRecipe().Products(TestRecipe.Product("book", "Book"))
            .Step(Templates(("product.aside", Aside), ("home.intro", "<p>{{ home.product_count }} guide(s)</p>"), ("email.receipt.subject", "Order {{ receipt.order_number }}")))
            .WriteTo(recipe.Path);
        await source.ImportAsync(path);
        Assert.Equal(0, (await source.ImportAsync(path)).Changes);
        using var admin = await AdminSession.SignInAsync(source);
        var reset = await AdminSession.PostFormAsync(admin, "/admin/templates/email.receipt.subject", [], "/admin/templates/email.receipt.subject?handler=Reset");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        using var export = new TempFolder();
        var written = await ExportAsync(source, export.File("shop.recipe.json"));
        var templates = JsonNode.Parse(await File.ReadAllTextAsync(written))!["steps"]!.AsArray().Single(s => (string?)s!["name"] == "templates")!["templates"]!.AsArray();
        Assert.Equal(["home.intro", "product.aside"], templates.Select(t => (string)t!["name"]!)); // the reset one has the built-in, as a new shop does
        Assert.Equal(Aside, (string?)templates[1]!["body"]);

        await using var target = await StorefrontApp.StartAsync(db);
        await target.ImportAsync(written);
        using var visitor = target.CreateHttpClient();
        Assert.Contains("<p class=\"aside\">Book ships as a PDF.</p>", await visitor.GetStringAsync("/products/book"));
        Assert.Contains("<p>1 guide(s)</p>", await visitor.GetStringAsync("/"));
        Assert.Equal(0, (await target.ImportAsync(written)).Changes);
        Assert.Single(await TemplateAdmin.VersionsAsync(target, "product.aside"));

        using var reexport = new TempFolder();
        var rewritten = await ExportAsync(target, reexport.File("shop.recipe.json"));
        Assert.Equal(Step(await File.ReadAllTextAsync(written)), Step(await File.ReadAllTextAsync(rewritten)));
        target.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ARecipeWithATemplateThatDoesNotParseOrDoesNotExistIsRefusedWholeNamingStepFieldAndPlace()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var recipe = new TempFolder();
        var path = new TestRecipe().Products(TestRecipe.Product("book", "Book"))
            .Step(Templates(("product.aside", "<p>\n{% for x in product.contents %}"), ("product.nothing", "x"), ("home.intro", "{% include 'x' %}")))
            .WriteTo(recipe.Path);

        var refused = await Assert.ThrowsAsync<RecipeException>(() => app.ImportAsync(path));

        Assert.Contains(refused.Errors, e => e.Contains("field 'templates[0].body': Line 2, column", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Contains("field 'templates[1].name': there is no template 'product.nothing'", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Contains("field 'templates[2].body': Line 1, column", StringComparison.Ordinal) && e.Contains("Unknown tag 'include'", StringComparison.Ordinal));
        using var visitor = app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/products/book")).StatusCode);
        Assert.Empty(await TemplateAdmin.VersionsAsync(app, "product.aside"));
        app.Logs.AssertNoErrors();
    }

    private static JsonObject Templates(params (string Name, string? Body)[] templates) => new()
    {
        ["name"] = "templates",
        ["templates"] = new JsonArray([.. templates.Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["body"] = t.Body })]),
    };

    private static async Task<string> ExportAsync(StorefrontApp app, string path)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<RecipeExporter>().ExportAsync(path)).RecipePath;
    }

    private static string Step(string recipe) =>
        JsonNode.Parse(recipe)!["steps"]!.AsArray().Single(s => (string?)s!["name"] == "templates")!.ToJsonString();
}
