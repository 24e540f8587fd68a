using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Fields;
using Storefront.Core.Security;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Fields;

public sealed class FieldDefinitionTests
{
    private static Dictionary<string, string> Definition(string key, string label, string type = "text", string kind = "product") => new()
    {
        ["Input.Kind"] = kind, ["Input.Key"] = key, ["Input.Label"] = label, ["Input.Hint"] = "", ["Input.Type"] = type,
        ["Input.Placement"] = "details", ["Input.SchemaProperty"] = "", ["Input.Choices"] = "", ["Input.Required"] = "false",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnAdministratorAddsEditsAndReordersFieldsWhileAnEditorCannotReachThem(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        using var admin = await AdminSession.SignInAsync(app);
        var pages = Definition("page_count", "Number of pages", "number");
        pages["Input.Required"] = "true";
        pages["Input.SchemaProperty"] = "numberOfPages";

        var added = await AdminSession.PostFormAsync(admin, "/admin/fields/new?kind=product", pages);
        await AdminSession.PostFormAsync(admin, "/admin/fields/new?kind=product", Definition("author", "Author"));
        await AdminSession.PostFormAsync(admin, "/admin/fields/new?kind=page", Definition("reviewed", "Last reviewed", "date", "page"));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/admin/fields", added.Headers.Location!.OriginalString);
        var fields = await app.WithDbAsync(d => d.Set<ContentField>().OrderBy(f => f.Kind).ThenBy(f => f.Position).ToListAsync());
        Assert.Equal(["reviewed", "page_count", "author"], fields.Select(f => f.Key));
        var count = fields.Single(f => f.Key == "page_count");
        Assert.True(count.Required);
        Assert.Equal(("number", "numberOfPages", 0), (count.Type, count.SchemaProperty, count.Position));
        var list = await admin.GetStringAsync("/admin/fields");
        Assert.True(list.IndexOf("Number of pages", StringComparison.Ordinal) < list.IndexOf(">Author<", StringComparison.Ordinal));
        Assert.Contains("Last reviewed", list);

        var author = fields.Single(f => f.Key == "author");
        Assert.Equal(HttpStatusCode.Redirect,
            (await AdminSession.PostFormAsync(admin, "/admin/fields", new(), $"/admin/fields?handler=Move&id={author.Id}&by=-1")).StatusCode);
        var renamed = Definition("ignored_on_edit", "Written by");
        Assert.Equal(HttpStatusCode.Redirect, (await AdminSession.PostFormAsync(admin, $"/admin/fields/{author.Id}", renamed)).StatusCode);

        var products = await app.WithDbAsync(d => d.Set<ContentField>().Where(f => f.Kind == "product").OrderBy(f => f.Position).ToListAsync());
        Assert.Equal(["author", "page_count"], products.Select(f => f.Key));
        Assert.Equal("Written by", products[0].Label);

        using var editor = await AdminLogin.ClientAsync(app, "eddie@example.com", AdminRoles.Editor);
        var refused = await editor.GetAsync("/admin/fields");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/admin/account/denied", refused.Headers.Location!.PathAndQuery);
        Assert.DoesNotContain("href=\"/admin/fields\"", await editor.GetStringAsync("/admin"));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task BadDefinitionsGetClearMessagesKeepWhatWasTypedAndSaveNothing()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var admin = await AdminSession.SignInAsync(app);
        await AdminSession.PostFormAsync(admin, "/admin/fields/new", Definition("isbn", "ISBN"));

        var badKey = await AdminSession.PostFormAsync(admin, "/admin/fields/new", Definition("Page Count", "Pages typed here"));
        var noChoices = await AdminSession.PostFormAsync(admin, "/admin/fields/new", Definition("format", "File format", "choice"));
        var taken = await AdminSession.PostFormAsync(admin, "/admin/fields/new", Definition("isbn", "Another ISBN"));
        var noLabel = await AdminSession.PostFormAsync(admin, "/admin/fields/new", Definition("edition", " "));

        var badKeyPage = WebUtility.HtmlDecode(await badKey.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, badKey.StatusCode);
        Assert.Contains("The key must start with a lower-case letter", badKeyPage);
        Assert.Contains("value=\"Pages typed here\"", badKeyPage);
        Assert.Contains("value=\"Page Count\"", badKeyPage);
        Assert.Contains("List the choices, one a line", WebUtility.HtmlDecode(await noChoices.Content.ReadAsStringAsync()));
        Assert.Contains("The key 'isbn' is already used by the field “ISBN”", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()));
        Assert.Contains("Enter a label of at most 100 characters.", WebUtility.HtmlDecode(await noLabel.Content.ReadAsStringAsync()));
        Assert.Equal(["isbn"], await app.WithDbAsync(d => d.Set<ContentField>().Select(f => f.Key).ToListAsync()));
        app.Logs.AssertNoErrors();
    }
}
