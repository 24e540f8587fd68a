using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Fields;
using Storefront.Catalog.Models;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Fields;

public sealed class FieldValuesTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnEditorFillsTheFieldsAndTheProductPageShowsThemWithTheMappedOnesInItsJsonLd(Db db)
    {
        await using var app = await FieldsShop.StartAsync(db);
        var editor = await SignedInEditor.CreateAsync(app);
        var form = await editor.Client.GetStringAsync("/admin/products/new");
        Assert.Contains("<label for=\"Input_Fields_page_count\">Number of pages (required)</label>", form);
        Assert.Contains("<option>EPUB</option>", form);
        Assert.DoesNotContain("Input_Fields_reviewed", form);

        var id = AdminRequests.SavedId(await FieldsShop.SaveProductAsync(editor, "CAN Bus Field Guide", FieldsShop.AllFilled()));

        using var visitor = app.CreateHttpClient();
        var html = await visitor.GetStringAsync("/products/can-bus-field-guide");
        Assert.Contains("<dt>Author</dt>", html);
        Assert.Contains("<dd>Ada Byron</dd>", html);
        Assert.Contains("<dd>320</dd>", html);
        Assert.Contains("<dd>1 March 2026</dd>", html);
        Assert.Contains("<dd>PDF</dd>", html);
        Assert.Contains("<dd>Yes</dd>", html);
        Assert.Contains("<a href=\"https://guides.example/can\" rel=\"nofollow noopener\">https://guides.example/can</a>", html);
        Assert.Contains("<strong>twice</strong>", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        // A hidden field is left off the page but still describes the product to search engines.
        Assert.DoesNotContain("<dt>ISBN</dt>", html);
        Assert.True(html.IndexOf("<dt>Author</dt>", StringComparison.Ordinal) < html.IndexOf("product__description", StringComparison.Ordinal));
        Assert.True(html.IndexOf("<dt>Notes</dt>", StringComparison.Ordinal) > html.IndexOf("product__description", StringComparison.Ordinal));

        var ld = FieldsShop.JsonLd(html);
        Assert.Equal(["Product", "Book"], ld.GetProperty("@type").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(320, ld.GetProperty("numberOfPages").GetInt32());
        Assert.Equal("Person", ld.GetProperty("author").GetProperty("@type").GetString());
        Assert.Equal("Ada Byron", ld.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal("978-3-16-148410-0", ld.GetProperty("isbn").GetString());
        Assert.Equal("PDF", ld.GetProperty("encodingFormat").GetString());
        Assert.Equal("CAN Bus Field Guide", ld.GetProperty("name").GetString());

        var edit = WebUtility.HtmlDecode(await editor.Client.GetStringAsync($"/admin/products/{id}"));
        Assert.Contains("value=\"978-3-16-148410-0\"", edit);
        Assert.Contains("<option selected=\"selected\">PDF</option>", edit);

        // A changed value reaches the cached page at once.
        var changed = FieldsShop.AllFilled();
        changed["author"] = "Grace Hopper";
        var master = await app.WithDbAsync(d => d.Set<Product>().Select(p => p.MasterKey).SingleAsync());
        AdminRequests.SavedId(await FieldsShop.SaveProductAsync(editor, "CAN Bus Field Guide", changed, $"/admin/products/{id}", master));
        Assert.Contains("<dd>Grace Hopper</dd>", await visitor.GetStringAsync("/products/can-bus-field-guide"));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("page_count", "", "Enter Number of pages: it is required.")]
    [InlineData("page_count", "three hundred", "Enter Number of pages as a number such as 12 or 3.5.")]
    [InlineData("released", "31/12/2026", "Enter Released as a date such as 2026-12-31.")]
    [InlineData("website", "javascript:alert(1)", "Enter Companion site as a full http:// or https:// address")]
    [InlineData("format", "DOCX", "Choose File format from the list: PDF, EPUB.")]
    public async Task AMissingOrMalformedValueIsRefusedWithAMessageAndEverythingTypedStays(string key, string value, string message)
    {
        await using var app = await FieldsShop.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);
        var fields = FieldsShop.AllFilled();
        fields[key] = value;

        var response = await FieldsShop.SaveProductAsync(editor, "Kept Title", fields);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, html);
        Assert.Contains("class=\"field-error\">" + message, html);
        Assert.Contains("value=\"Kept Title\"", html);
        Assert.Contains("value=\"Ada Byron\"", html);
        Assert.Contains(key == "format" ? $">{value}</option>" : $"value=\"{value}\"", html);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Product>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<ContentFieldValue>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AMediaFieldTakesOnlyAnItemOfTheLibraryAndShowsTheImageWithItsAltText()
    {
        var holder = TestRecipe.Product("cover-holder", "Cover Holder");
        holder["fields"] = new System.Text.Json.Nodes.JsonObject { ["page_count"] = 1 };
        await using var app = await FieldsShop.StartAsync(Db.Sqlite, holder);
        using (var folder = new TempFolder())
        {
            await app.ImportAsync(new TestRecipe().Step(FieldsShop.FieldsStep(FieldsShop.Field("sample", "Sample page", "media"))).WriteTo(folder.Path));
        }

        var editor = await SignedInEditor.CreateAsync(app);
        var fields = FieldsShop.AllFilled();
        fields["sample"] = "/media/media/nowhere/page.png";
        var refused = await FieldsShop.SaveProductAsync(editor, "With Sample", fields);
        Assert.Contains("Sample page: no media item was found at /media/media/nowhere/page.png", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        var key = await app.WithDbAsync(d => d.Set<Product>().Select(p => p.CoverKey!).SingleAsync());
        fields["sample"] = "/media/" + key;
        AdminRequests.SavedId(await FieldsShop.SaveProductAsync(editor, "With Sample", fields));

        var html = await app.CreateHttpClient().GetStringAsync("/products/with-sample");
        Assert.Contains("<dt>Sample page</dt>", html);
        // The library knows the image and its alternative text, so the page shows it.
        Assert.Contains($"<dd><img src=\"{Storefront.Core.Content.MediaUrl.For(key)}\" alt=\"Cover of Cover Holder\" loading=\"lazy\" /></dd>", html);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task APageFieldIsFilledInThePageFormAndShownOnThePage(Db db)
    {
        await using var app = await FieldsShop.StartAsync(db);
        var editor = await SignedInEditor.CreateAsync(app);
        var bad = await editor.PostFormAsync("/admin/pages/new", new()
        {
            ["Input.Title"] = "Refund policy", ["Input.Body"] = "Within 14 days.", ["Input.Published"] = "true", ["Input.Fields[reviewed]"] = "yesterday",
        });
        Assert.Contains("Enter Last reviewed as a date such as 2026-12-31.", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));

        var id = AdminRequests.SavedId(await editor.PostFormAsync("/admin/pages/new", new()
        {
            ["Input.Title"] = "Refund policy", ["Input.Body"] = "Within 14 days.", ["Input.Published"] = "true", ["Input.Fields[reviewed]"] = "2026-11-30",
        }));

        Assert.Equal("2026-11-30", await app.WithDbAsync(d => d.Set<ContentFieldValue>().Where(v => v.ItemId == id).Select(v => v.Value).SingleAsync()));
        var html = await app.CreateHttpClient().GetStringAsync("/pages/refund-policy");
        Assert.Contains("<dt>Last reviewed</dt>", html);
        Assert.Contains("<dd>30 November 2026</dd>", html);
        Assert.Contains("value=\"2026-11-30\"", await editor.Client.GetStringAsync($"/admin/pages/{id}"));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheActiveThemeRendersTheFieldsWithItsOwnPartial()
    {
        var book = TestRecipe.Product("themed", "Themed Book");
        book["fields"] = new System.Text.Json.Nodes.JsonObject { ["page_count"] = 88, ["author"] = "Ada Byron" };
        await using var app = await FieldsShop.StartAsync(Db.Sqlite, book);
        using var visitor = app.CreateHttpClient();
        var plain = await visitor.GetStringAsync("/products/themed");
        Assert.Contains("<dt>Author</dt>", plain);
        Assert.DoesNotContain("journal-field", plain);

        using (var folder = new TempFolder())
        {
            await app.ImportAsync(new TestRecipe().Step(new() { ["name"] = "settings", ["theme"] = "Journal" }).WriteTo(folder.Path));
        }

        var themed = await visitor.GetStringAsync("/products/themed");
        Assert.Contains("<dt class=\"journal-field__label\">Author</dt>", themed);
        Assert.Contains("<dt class=\"journal-field__label\">Number of pages</dt>", themed);
        app.Logs.AssertNoErrors();
    }
}
