using System.Net;
using System.Text.Json.Nodes;
using Storefront.Tests.Admin;
using Storefront.Tests.Catalog.Versions;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Fields;

public sealed class FieldPreviewTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheDraftPreviewShowsTheProductsFieldsAsItsStorefrontPageDoes(Db db)
    {
        var book = TestRecipe.Product("field-guide", "Field Guide");
        book["fields"] = new JsonObject { ["page_count"] = 88, ["author"] = "Ada Byron", ["notes"] = "Printed **twice**", ["isbn"] = "978-3-16-148410-0" };
        await using var app = await FieldsShop.StartAsync(db, book);
        var shop = new VersionedShop(app, await SignedInEditor.CreateAsync(app));
        var product = await shop.ProductAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await shop.SaveDraftAsync(product, ("Title", "Field Guide Revised"),
            ("Fields[page_count]", "88"), ("Fields[author]", "Ada Byron"), ("Fields[notes]", "Printed **twice**"), ("Fields[isbn]", "978-3-16-148410-0"))).StatusCode);

        var preview = WebUtility.HtmlDecode(await shop.Editor.Client.GetStringAsync($"/admin/products/{product.Id}/preview"));
        Assert.Contains("Field Guide Revised", preview);
        Assert.Contains("<dt>Author</dt>", preview);
        Assert.Contains("<dd>Ada Byron</dd>", preview);
        Assert.Contains("<dd>88</dd>", preview);
        Assert.Contains("<strong>twice</strong>", preview);
        // Placed as on the storefront: a summary field above the description, details below, hidden ones left off.
        Assert.True(preview.IndexOf("<dt>Author</dt>", StringComparison.Ordinal) < preview.IndexOf("product__description", StringComparison.Ordinal));
        Assert.True(preview.IndexOf("<dt>Notes</dt>", StringComparison.Ordinal) > preview.IndexOf("product__description", StringComparison.Ordinal));
        Assert.DoesNotContain("<dt>ISBN</dt>", preview);
        var live = (await shop.VisitAsync("/products/field-guide")).Html;
        Assert.Contains("<dd>Ada Byron</dd>", live);
        Assert.DoesNotContain("Field Guide Revised", live);
        app.Logs.AssertNoErrors();
    }
}
