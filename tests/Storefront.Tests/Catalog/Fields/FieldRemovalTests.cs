using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Fields;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Fields;

public sealed class FieldRemovalTests
{
    private static JsonObject Book(string slug, string? isbn)
    {
        var product = TestRecipe.Product(slug, "Book " + slug);
        product["fields"] = isbn is null ? new JsonObject { ["page_count"] = 10 } : new JsonObject { ["page_count"] = 10, ["isbn"] = isbn, ["author"] = "Ada" };
        return product;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task RemovingAFieldThatHoldsValuesAsksFirstThenHidesItAndKeepsItsValuesInTheExportUntilItIsRestored(Db db)
    {
        await using var app = await FieldsShop.StartAsync(db, Book("first", "978-0-00-000001-1"), Book("second", "978-0-00-000002-8"), Book("third", null));
        using var admin = await AdminSession.SignInAsync(app);
        var author = await app.WithDbAsync(d => d.Set<ContentField>().SingleAsync(f => f.Key == "author"));
        using var visitor = app.CreateHttpClient();
        Assert.Contains("<dd>Ada</dd>", await visitor.GetStringAsync("/products/first"));

        var typeChange = await AdminSession.PostFormAsync(admin, $"/admin/fields/{author.Id}", new()
        {
            ["Input.Label"] = "Author", ["Input.Type"] = "number", ["Input.Placement"] = "summary", ["Input.SchemaProperty"] = "author",
        });
        Assert.Contains("“Author” holds values in 2 product(s), so its type cannot change", WebUtility.HtmlDecode(await typeChange.Content.ReadAsStringAsync()));

        var confirmation = WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/fields/{author.Id}/remove"));
        Assert.Contains("<h1>Remove the field “Author”?</h1>", confirmation);
        Assert.Contains("2 products hold a value for it.", confirmation);
        Assert.Equal("Author", (await app.WithDbAsync(d => d.Set<ContentField>().SingleAsync(f => f.Key == "author"))).Label);
        Assert.Null((await app.WithDbAsync(d => d.Set<ContentField>().SingleAsync(f => f.Key == "author"))).RemovedAt);

        var removed = await AdminSession.PostFormAsync(admin, $"/admin/fields/{author.Id}/remove", new());

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.NotNull((await app.WithDbAsync(d => d.Set<ContentField>().SingleAsync(f => f.Key == "author"))).RemovedAt);
        Assert.Equal(2, await app.WithDbAsync(d => d.Set<ContentFieldValue>().CountAsync(v => v.FieldKey == "author")));
        var page = await visitor.GetStringAsync("/products/first");
        Assert.DoesNotContain("<dd>Ada</dd>", page);
        Assert.False(FieldsShop.JsonLd(page).TryGetProperty("author", out _));
        var firstId = await app.WithDbAsync(d => d.Set<Storefront.Catalog.Models.Product>().Where(p => p.Slug == "first").Select(p => p.Id).SingleAsync());
        Assert.DoesNotContain("Input_Fields_author", await admin.GetStringAsync($"/admin/products/{firstId}"));
        var list = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/fields"));
        Assert.Contains("Removed fields", list);

        using (var export = new TempFolder())
        {
            var steps = (await FieldRecipeTests.ExportAsync(app, export))["steps"]!.AsArray();
            var field = steps.Single(s => (string)s!["name"]! == "fields")!["fields"]!.AsArray().Single(f => (string)f!["key"]! == "author")!;
            Assert.True((bool)field["removed"]!);
            var first = steps.Single(s => (string)s!["name"]! == "products")!["products"]!.AsArray().Single(p => (string)p!["slug"]! == "first")!;
            Assert.Equal("Ada", (string)first["fields"]!["author"]!);

            // The export imports elsewhere with the field still removed and the values kept.
            await using var copy = await StorefrontApp.StartAsync(db);
            await copy.ImportAsync(export.File("shop.recipe.json"));
            Assert.NotNull((await copy.WithDbAsync(d => d.Set<ContentField>().SingleAsync(f => f.Key == "author"))).RemovedAt);
            Assert.Equal(2, await copy.WithDbAsync(d => d.Set<ContentFieldValue>().CountAsync(v => v.FieldKey == "author")));
        }

        Assert.Equal(HttpStatusCode.Redirect,
            (await AdminSession.PostFormAsync(admin, "/admin/fields", new(), $"/admin/fields?handler=Restore&id={author.Id}")).StatusCode);
        Assert.Contains("<dd>Ada</dd>", await visitor.GetStringAsync("/products/first"));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AFieldNoItemHoldsIsDeletedOutright()
    {
        await using var app = await FieldsShop.StartAsync(Db.Sqlite, Book("first", null));
        using var admin = await AdminSession.SignInAsync(app);
        var website = await app.WithDbAsync(d => d.Set<ContentField>().SingleAsync(f => f.Key == "website"));

        Assert.Contains("No product holds a value for it.", await admin.GetStringAsync($"/admin/fields/{website.Id}/remove"));
        await AdminSession.PostFormAsync(admin, $"/admin/fields/{website.Id}/remove", new());

        Assert.False(await app.WithDbAsync(d => d.Set<ContentField>().AnyAsync(f => f.Key == "website")));
        app.Logs.AssertNoErrors();
    }
}
