using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Fields;
using Storefront.Core.Recipes;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Fields;

public sealed class FieldRecipeTests
{
    private static JsonObject Book(string slug, JsonObject fields)
    {
        var product = TestRecipe.Product(slug, "Book " + slug);
        product["fields"] = fields;
        return product;
    }

    private static JsonObject Filled() => new()
    {
        ["author"] = "Ada Byron", ["page_count"] = 320, ["isbn"] = "978-3-16-148410-0", ["released"] = "2026-03-01", ["format"] = "EPUB",
        ["notes"] = "Printed **twice**", ["website"] = "https://guides.example/can", ["printable"] = false,
    };

    internal static async Task<JsonNode> ExportAsync(StorefrontApp app, TempFolder folder)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<RecipeExporter>().ExportAsync(folder.File("shop.recipe.json"));
        return JsonNode.Parse(await File.ReadAllTextAsync(result.RecipePath))!;
    }

    private static Task<List<string>> ValuesAsync(StorefrontApp app) => app.WithDbAsync(d => d.Set<ContentFieldValue>()
        .Join(d.Set<Storefront.Catalog.Models.Product>(), v => v.ItemId, p => p.Id, (v, p) => p.Slug + "." + v.FieldKey + "=" + v.Value)
        .OrderBy(s => s).ToListAsync());

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task FieldsAndTheirValuesTravelInARecipeRoundTripAndASecondImportChangesNothing(Db db)
    {
        await using var source = await FieldsShop.StartAsync(db, Book("can-bus", Filled()), Book("empty", new JsonObject { ["page_count"] = "12" }));
        using (var page = new TempFolder())
        {
            await source.ImportAsync(new TestRecipe().Step(new JsonObject
            {
                ["name"] = "pages",
                ["pages"] = new JsonArray(new JsonObject { ["slug"] = "about", ["title"] = "About", ["fields"] = new JsonObject { ["reviewed"] = "2026-11-30" } }),
            }).WriteTo(page.Path));
        }

        Assert.Contains("can-bus.page_count=320", await ValuesAsync(source));
        Assert.Contains("can-bus.printable=false", await ValuesAsync(source));
        using var export = new TempFolder();
        var recipe = await ExportAsync(source, export);

        var steps = recipe["steps"]!.AsArray();
        var names = steps.Select(s => (string)s!["name"]!).ToList();
        Assert.True(names.IndexOf("fields") < names.IndexOf("products"), string.Join(", ", names));
        var fields = steps.Single(s => (string)s!["name"]! == "fields")!["fields"]!.AsArray();
        Assert.Equal(9, fields.Count);
        Assert.Equal(["PDF", "EPUB"], fields.Single(f => (string)f!["key"]! == "format")!["choices"]!.AsArray().Select(c => (string)c!));
        var exported = steps.Single(s => (string)s!["name"]! == "products")!["products"]!.AsArray().Single(p => (string)p!["slug"]! == "can-bus")!;
        Assert.Equal("Ada Byron", (string)exported["fields"]!["author"]!);
        Assert.False((bool)exported["fields"]!["printable"]!);
        var about = steps.Single(s => (string)s!["name"]! == "pages")!["pages"]!.AsArray().Single()!;
        Assert.Equal("2026-11-30", (string)about["fields"]!["reviewed"]!);

        await using var target = await StorefrontApp.StartAsync(db);
        await target.ImportAsync(export.File("shop.recipe.json"));
        Assert.Equal(await ValuesAsync(source), await ValuesAsync(target));
        Assert.Equal(9, await target.WithDbAsync(d => d.Set<ContentField>().CountAsync()));
        Assert.Equal(1, await target.WithDbAsync(d => d.Set<ContentFieldValue>().CountAsync(v => v.FieldKey == "reviewed")));
        Assert.Equal(0, (await target.ImportAsync(export.File("shop.recipe.json"))).Changes);

        // An item's fields object holds all its values: a key left out clears that value.
        using var trimmed = new TempFolder();
        await target.ImportAsync(new TestRecipe().Products(Book("can-bus", new JsonObject { ["page_count"] = 321 })).WriteTo(trimmed.Path));
        Assert.Equal(["can-bus.page_count=321", "empty.page_count=12"], await ValuesAsync(target));
        target.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("nope", "\"x\"", "field 'products[0].fields.nope': unknown product field 'nope': define it in the 'fields' step or at /admin/fields")]
    [InlineData("reviewed", "\"2026-01-01\"", "field 'products[0].fields.reviewed': unknown product field 'reviewed'")]
    [InlineData("page_count", "\"many\"", "field 'products[0].fields.page_count': Enter Number of pages as a number such as 12 or 3.5.")]
    [InlineData("format", "\"DOCX\"", "field 'products[0].fields.format': Choose File format from the list: PDF, EPUB.")]
    [InlineData("author", "[1]", "field 'products[0].fields.author': must be a string, number, true, false or null")]
    public async Task AnUnknownFieldKeyOrABadValueRefusesTheWholeRecipeNamingTheField(string key, string value, string message)
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        var path = new TestRecipe().Step(FieldsShop.BookFields())
            .Products(Book("can-bus", new JsonObject { ["page_count"] = 10, [key] = JsonNode.Parse(value) })).WriteTo(folder.Path);

        var refused = await Assert.ThrowsAsync<RecipeException>(() => app.ImportAsync(path));

        Assert.Contains(refused.Errors, e => e.Contains(message, StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<ContentField>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Storefront.Catalog.Models.Product>().CountAsync()));
    }

    [Theory]
    [InlineData("{ \"author\": \"Ada\" }")]
    [InlineData("{ \"page_count\": null }")]
    [InlineData("{ \"page_count\": \"  \" }")]
    [InlineData(null)]
    public async Task AnItemWithoutAValueForARequiredFieldRefusesTheWholeRecipeNamingTheItemAndTheField(string? fields)
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        var book = TestRecipe.Product("can-bus", "CAN Bus");
        if (fields is not null)
        {
            book["fields"] = JsonNode.Parse(fields);
        }

        var path = new TestRecipe().Step(FieldsShop.BookFields()).Products(Book("first", new JsonObject { ["page_count"] = 10 }), book).WriteTo(folder.Path);

        var refused = await Assert.ThrowsAsync<RecipeException>(() => app.ImportAsync(path));

        Assert.Contains(refused.Errors, e => e.Contains(
            "field 'products[1].fields.page_count': product 'can-bus' has no value for the required field Number of pages ('page_count')", StringComparison.Ordinal));
        Assert.Single(refused.Errors, e => e.Contains("page_count", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<ContentField>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Storefront.Catalog.Models.Product>().CountAsync()));
    }

    [Fact]
    public async Task AnItemKeepsItsStoredValueOfARequiredFieldAndARemovedFieldIsNoLongerRequired()
    {
        await using var app = await FieldsShop.StartAsync(Db.Sqlite, Book("can-bus", new JsonObject { ["page_count"] = 10 }));
        using var folder = new TempFolder();
        var removed = FieldsShop.BookFields();
        removed["fields"]!.AsArray().Single(f => (string)f!["key"]! == "page_count")!["removed"] = true;

        // Without its fields object the stored product keeps its value; a new one needs none once the field is removed.
        await app.ImportAsync(new TestRecipe().Step(removed)
            .Products(TestRecipe.Product("can-bus", "CAN Bus, second edition"), TestRecipe.Product("fresh", "Fresh")).WriteTo(folder.Path));

        Assert.Equal(["can-bus.page_count=10"], await ValuesAsync(app));
        Assert.Equal(2, await app.WithDbAsync(d => d.Set<Storefront.Catalog.Models.Product>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ABadFieldDefinitionRefusesTheRecipeNamingThePart()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        var path = new TestRecipe().Step(FieldsShop.FieldsStep(
            FieldsShop.Field("Bad Key", "Bad", "text"), FieldsShop.Field("ok", "Ok", "colour"), FieldsShop.Field("ok2", "Ok", "text", schema: "favouriteFood"),
            FieldsShop.Field("dup", "One", "text"), FieldsShop.Field("dup", "Two", "text"))).WriteTo(folder.Path);

        var refused = await Assert.ThrowsAsync<RecipeException>(() => app.ImportAsync(path));

        Assert.Contains(refused.Errors, e => e.Contains("field 'fields[0].key': The key must start with a lower-case letter", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Contains("field 'fields[1].type': Choose a type", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Contains("field 'fields[2].schema': Choose a schema.org property", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Contains("field 'fields[4].key': duplicate key 'dup'", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<ContentField>().CountAsync()));
    }
}
