using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.Core.Audit;
using Storefront.Core.Security;
using Storefront.Tests.Admin;
using Storefront.Tests.Catalog.Taxonomies;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Browser;

/// <summary>
/// axe-core over every storefront and admin page, in light and dark schemes, at phone and desktop widths:
/// any serious or critical violation fails with its rule, element and help.
/// </summary>
public sealed partial class AccessibilityAuditTests : BrowserTest
{
    [Theory]
    [InlineData("Storefront")]
    [InlineData("Journal")]
    public async Task EveryStorefrontPagePassesAxeInBothSchemesOnAPhoneAndADesktop(string theme)
    {
        await using var shop = await StartShopAsync(theme);
        var page = await NewPageAsync(shop.App, out var errors);
        await page.GotoAsync("/products/field-guide");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();

        var problems = await Axe.AuditAsync(page, ["/", "/products/field-guide", "/pages/about", "/cart", "/checkout/cancel", "/library/sign-in", "/search?q=guide", "/search?q=nothing-matches-this",
            "/categories/guides", "/categories/electronics", "/tags/beginner", "/?category=guides&tag=beginner"]);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(errors);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task EveryAdminPagePassesAxeInBothSchemesOnAPhoneAndADesktop()
    {
        await using var shop = await StartShopAsync("Storefront");
        await shop.BuyAsync("noor@example.com", "Noor Haddad");
        // Three pages of the audit log, so the middle one shows the pagination every long admin list shares, both ways.
        await shop.App.WithDbAsync(d =>
        {
            d.AddRange(Enumerable.Range(1, 120).Select(i => new AuditEntry
            {
                At = DateTime.UtcNow.AddDays(-1).AddMinutes(i), UserName = "ada@example.com", Action = "item.changed", Target = $"item {i}",
            }));
            return d.SaveChangesAsync();
        });
        var signedOut = await NewPageAsync(shop.App, out var signedOutErrors);
        var problems = await Axe.AuditAsync(signedOut, ["/admin/account/sign-in", "/admin/account/forgot-password"]);
        var (page, _) = await AdminLogin.PageAsync(Browser, shop.App, AdminRoles.Administrator);

        var paths = await AdminPagesAsync(page);
        paths.Add("/admin/audit?p=2");
        problems.AddRange(await Axe.AuditAsync(page, paths));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(signedOutErrors);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheAuditReportsAnUnnamedButtonAndFaintTextWithRuleTargetAndHelp()
    {
        var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Bad</title></head><body><main><h1>Bad</h1>
            <p id="faint" style="color:#999;background:#aaa">hard to read</p><button id="unnamed"></button></main></body></html>
            """);

        var problems = await Axe.SeriousViolationsAsync(page);

        Assert.Contains(problems, p => p.StartsWith("color-contrast (serious) at #faint: Elements must meet minimum color contrast ratio thresholds", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("button-name (critical) at #unnamed: Buttons must have discernible text", StringComparison.Ordinal));
    }

    /// <summary>Every screen of the admin: the menu's entries (checked against this list) and the screens they lead to.</summary>
    internal static async Task<List<string>> AdminPagesAsync(IPage page)
    {
        List<string> paths =
        [
            "/admin", "/admin/products", "/admin/products/new", "/admin/products/clicks", "/admin/pages", "/admin/pages/new", "/admin/fields", "/admin/fields/new",
            "/admin/media", "/admin/orders", "/admin/promotions", "/admin/webhooks", "/admin/trace", "/admin/shared-links", "/admin/privacy", "/admin/settings", "/admin/users",
            "/admin/users/invite", "/admin/roles", "/admin/roles/Editor", "/admin/audit", "/admin/account/two-factor",
            "/admin/templates", "/admin/templates/product.details", "/admin/templates/email.receipt.html",
            "/admin/taxonomies", "/admin/taxonomies/new?kind=category", "/admin/taxonomies/new?kind=tag",
        ];
        await page.GotoAsync("/admin");
        var menu = await LinksAsync(page, "#admin-nav");
        Assert.All(menu.Where(m => m.StartsWith("/admin", StringComparison.Ordinal)), m => Assert.Contains(m, paths));

        paths.AddRange(await FirstAsync(page, "/admin/products", ProductLink(), "/licenses", "/preview", "/versions"));
        paths.AddRange(await FirstAsync(page, "/admin/pages", PageLink(), "/versions", "?version=1"));
        paths.AddRange(await FirstAsync(page, "/admin/taxonomies", TermLink(), "/delete"));
        paths.AddRange(await FirstAsync(page, "/admin/fields", FieldLink(), "/remove"));
        paths.AddRange(await FirstAsync(page, "/admin/orders", OrderLink()));
        paths.AddRange(await FirstAsync(page, "/admin/webhooks", WebhookLink()));
        return paths;
    }

    /// <summary>The first link on <paramref name="list"/> that matches, and the same address with each suffix.</summary>
    private static async Task<IEnumerable<string>> FirstAsync(IPage page, string list, Regex pattern, params string[] suffixes)
    {
        await page.GotoAsync(list);
        var link = (await LinksAsync(page, "main")).FirstOrDefault(pattern.IsMatch);
        Assert.True(link is not null, $"{list} links to nothing like {pattern}");
        return [link, .. suffixes.Select(s => link + s)];
    }

    private static async Task<string[]> LinksAsync(IPage page, string within) =>
        await page.EvaluateAsync<string[]>($"() => Array.from(document.querySelectorAll('{within} a[href]'), a => a.getAttribute('href'))");

    /// <summary>A shop with a product, a content page and the chosen theme.</summary>
    internal static async Task<ShopWithStripe> StartShopAsync(string theme)
    {
        var shop = await ShopWithStripe.StartAsync();
        using var folder = new TempFolder();
        await shop.App.ImportAsync(new TestRecipe().Step(new() { ["name"] = "settings", ["theme"] = theme })
            .Step(Catalog.Fields.FieldsShop.FieldsStep(
                Catalog.Fields.FieldsShop.Field("format", "File format", "choice", schema: "encodingFormat", choices: ["PDF", "EPUB"]),
                Catalog.Fields.FieldsShop.Field("reviewed", "Last reviewed", "date", kind: "page")))
            .Step(new()
            {
                ["name"] = "pages",
                ["pages"] = new JsonArray(new JsonObject
                {
                    ["slug"] = "about", ["title"] = "About us", ["body"] = "We write **field guides** for people who repair things.",
                    ["fields"] = new JsonObject { ["reviewed"] = "2026-11-30" },
                }),
            }).Step(TaxonomyShop.Step(
            [
                TaxonomyShop.Category("guides", "Guides", description: "Every **guide** we write."),
                TaxonomyShop.Category("electronics", "Electronics", "guides"),
            ],
            TaxonomyShop.Tag("beginner", "Beginner")))
            // The shop's product, as it is, joins a category and a tag: its page, the filters and the term pages show them.
            .Products(TaxonomyShop.Product("field-guide", "Field Guide", ["electronics"], ["beginner"]))
            .WriteTo(folder.Path));
        return shop;
    }

    internal Task<IPage> NewPageAsync(StorefrontApp app, out List<string> errors)
    {
        var list = new List<string>();
        errors = list;
        return Create();

        async Task<IPage> Create()
        {
            var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
            var page = await context.NewPageAsync();
            page.PageError += (_, error) => { lock (list) { list.Add(error); } };
            page.Console += (_, message) => { if (message.Type == "error") { lock (list) { list.Add(message.Text); } } };
            return page;
        }
    }

    [GeneratedRegex("^/admin/fields/[0-9a-f-]{36}$")]
    private static partial Regex FieldLink();

    [GeneratedRegex("^/admin/products/[0-9a-f-]{36}$")]
    private static partial Regex ProductLink();

    [GeneratedRegex("^/admin/pages/[0-9a-f-]{36}$")]
    private static partial Regex PageLink();

    [GeneratedRegex("^/admin/taxonomies/[0-9a-f-]{36}$")]
    private static partial Regex TermLink();

    [GeneratedRegex(@"^/admin/orders/\d+$")]
    private static partial Regex OrderLink();

    [GeneratedRegex("^/admin/webhooks/[^/]+$")]
    private static partial Regex WebhookLink();
}
