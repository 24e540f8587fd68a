using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Security;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Templates;

public sealed class TemplateAdminTests
{
    private const string Policy = "Instant download after payment";

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AProductTemplateSavedInTheAdminShowsOnTheProductPageAtOnceAndIsAudited(Db db)
    {
        await using var app = await StartWithBookAsync(db);
        using var visitor = app.CreateHttpClient();
        Assert.Contains(Policy, await visitor.GetStringAsync("/products/book")); // now in the output cache
        using var admin = await AdminSession.SignInAsync(app);

        await TemplateAdmin.SaveAsync(admin, "product.aside", "<p class=\"promise\">{{ product.title | upcase }} for {{ product.price }} & <b>{{ product.summary }}</b></p>");

        var page = await visitor.GetStringAsync("/products/book");
        Assert.Contains("<p class=\"promise\">BOOK for $29.00 & <b>A &lt;small&gt; guide</b></p>", page);
        Assert.DoesNotContain(Policy, page);
        Assert.Contains("<div class=\"product__description\"><p>A &lt;small&gt; guide</p>", page); // the other section is still the built-in
        var audit = await app.WithDbAsync(d => d.Set<AuditEntry>().AsNoTracking().Where(e => e.Action == "template.saved").ToListAsync());
        Assert.Equal("template product.aside", Assert.Single(audit).Target);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task EveryVersionIsKeptAnyCanBeRestoredAndTheBuiltInPutBack(Db db)
    {
        await using var app = await StartWithBookAsync(db);
        using var visitor = app.CreateHttpClient();
        using var admin = await AdminSession.SignInAsync(app);
        await TemplateAdmin.SaveAsync(admin, "product.aside", "<p>first {{ product.slug }}</p>");
        await TemplateAdmin.SaveAsync(admin, "product.aside", "<p>second {{ product.slug }}</p>");
        Assert.Contains("<p>second book</p>", await visitor.GetStringAsync("/products/book"));

        var restored = await AdminSession.PostFormAsync(admin, "/admin/templates/product.aside", new() { ["version"] = "1" },
            "/admin/templates/product.aside?handler=Restore");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Contains("<p>first book</p>", await visitor.GetStringAsync("/products/book"));

        var reset = await AdminSession.PostFormAsync(admin, "/admin/templates/product.aside", [], "/admin/templates/product.aside?handler=Reset");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains(Policy, await visitor.GetStringAsync("/products/book"));

        var versions = await TemplateAdmin.VersionsAsync(app, "product.aside");
        Assert.Equal(["Saved", "Saved", "Restored version 1", "Reset to the built-in"], versions.Select(v => v.Note));
        Assert.Null(versions[^1].Body);
        var editor = await admin.GetStringAsync("/admin/templates/product.aside");
        Assert.Contains("Restore version 2", editor);
        Assert.Contains("In use: the built-in", editor);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ATemplateThatDoesNotParseIsRefusedWithLineAndColumnAndTheTypedTextStays()
    {
        await using var app = await StartWithBookAsync(Db.Sqlite);
        using var admin = await AdminSession.SignInAsync(app);
        const string typed = "<p>Hello</p>\n<p>{{ product.title </p>";

        var response = await TemplateAdmin.PostAsync(admin, "product.details", typed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("The template was not saved. Line 2, column \\d+: ", html);
        Assert.Contains(WebUtility.HtmlEncode(typed).Replace("\n", "\n", StringComparison.Ordinal), html.Replace("&#xA;", "\n", StringComparison.Ordinal));
        Assert.Empty(await TemplateAdmin.VersionsAsync(app, "product.details"));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task PreviewRendersAgainstAProductOfTheShopAndSavesNothing()
    {
        await using var app = await StartWithBookAsync(Db.Sqlite);
        using var admin = await AdminSession.SignInAsync(app);

        var response = await TemplateAdmin.PostAsync(admin, "product.details", "<h2>{{ product.title }}</h2>{{ product.description_html | raw }}", "Preview");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Preview (not saved)", html);
        Assert.Contains(WebUtility.HtmlEncode("<h2>Book</h2>"), html);
        Assert.Empty(await TemplateAdmin.VersionsAsync(app, "product.details"));
        var receipt = await TemplateAdmin.PostAsync(admin, "email.receipt.subject", "Order {{ receipt.order_number }} for {{ receipt.buyer_name }}", "Preview");
        Assert.Contains("Order 1001 for Zoë Buyer", await receipt.Content.ReadAsStringAsync());
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheListShowsEveryTemplateAndOnlyTheirManagersReachIt()
    {
        await using var app = await StartWithBookAsync(Db.Sqlite);
        using var admin = await AdminSession.SignInAsync(app);
        using var editor = await AdminSession.SignInAsync(app, AdminRoles.Editor);

        var list = await admin.GetStringAsync("/admin/templates");
        foreach (var name in new[] { "home.intro", "product.details", "product.aside", "email.receipt.subject", "email.receipt.text", "email.receipt.html",
            "email.refund.html", "email.dispute.buyer.subject", "email.dispute.support.text", "email.library.sign-in.subject", "email.library.links.html",
            "email.account.reset.subject", "email.account.invitation.html", "email.sharing.support.text" })
        {
            Assert.Contains($"<code>{name}</code>", list);
        }

        Assert.Contains(">Templates</a>", list);
        var refused = await editor.GetAsync("/admin/templates");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/admin/account/denied", refused.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/templates/no.such")).StatusCode);
        var help = await admin.GetStringAsync("/admin/templates/email.receipt.html");
        Assert.Contains("<code>receipt.order_number</code> (text)", help);
        Assert.Contains("<code>receipt_line.download_url</code> (web address)", help);
        app.Logs.AssertNoErrors();
    }

    internal static async Task<StorefrontApp> StartWithBookAsync(Db db)
    {
        var app = await StorefrontApp.StartAsync(db);
        using var folder = new TempFolder();
        var book = TestRecipe.Product("book", "Book");
        book["description"] = "A <small> guide";
        await app.ImportAsync(new TestRecipe().Settings("Field Guides").Products(book).WriteTo(folder.Path));
        return app;
    }
}
