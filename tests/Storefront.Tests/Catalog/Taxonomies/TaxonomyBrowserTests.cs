using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.Core.Security;
using Storefront.Tests.Admin;
using Storefront.Tests.Browser;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Taxonomies;

/// <summary>An editor sorts the catalogue in the admin and a visitor browses it by category, tag and filter, in real Chromium.</summary>
public sealed class TaxonomyBrowserTests : BrowserTest
{
    [Fact]
    public async Task AnEditorAddsAndDeletesACategoryAndAVisitorBrowsesByCategoryTagAndFilter()
    {
        await using var app = await StorefrontApp.StartAsync();
        await TaxonomyShop.ImportAsync(app, TaxonomyShop.Recipe());
        var (admin, _) = await AdminLogin.PageAsync(Browser, app, AdminRoles.Editor);
        var errors = new List<string>();
        admin.PageError += (_, error) => errors.Add(error);

        await admin.GotoAsync("/admin");
        await admin.Locator("#admin-nav").GetByRole(AriaRole.Link, new() { Name = "Categories & tags" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "New category" }).ClickAsync();
        await admin.GetByLabel("Name").FillAsync("Soldering irons");
        await admin.GetByLabel("Parent category").SelectOptionAsync(new SelectOptionValue { Value = (await TaxonomyAdmin.IdOfAsync(app, "electronics")).ToString() });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("The category “Soldering irons” was created; its page is /categories/soldering-irons.");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Delete…" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Delete the category “Soldering irons”?");
        await Assertions.Expect(admin.Locator("main")).ToContainTextAsync("No product belongs to it.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Delete “Soldering irons”" }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/admin/taxonomies$"));
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("The category “Soldering irons” was deleted.");

        var context = await Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        var visitor = await context.NewPageAsync();
        visitor.PageError += (_, error) => errors.Add(error);
        visitor.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
        await visitor.GotoAsync("/categories/electronics");
        Assert.Equal("Electronics · Field Guides", await visitor.TitleAsync());
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Electronics");
        await visitor.Locator(".product-card__link", new() { HasText = "CAN Bus Guide" }).ClickAsync();
        await Assertions.Expect(visitor).ToHaveURLAsync(new Regex("/products/can-bus-guide$"));
        await visitor.GetByRole(AriaRole.Navigation, new() { Name = "Categories and tags" }).GetByRole(AriaRole.Link, new() { Name = "Beginner" }).ClickAsync();
        await Assertions.Expect(visitor).ToHaveURLAsync(new Regex("/tags/beginner$"));
        await Assertions.Expect(visitor.Locator(".product-card__link", new() { HasText = "Joinery Basics" })).ToBeVisibleAsync();

        await visitor.GotoAsync("/");
        await visitor.GetByLabel("Category").SelectOptionAsync("woodwork");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(visitor).ToHaveURLAsync(new Regex(@"/\?category=woodwork&tag=$"));
        await Assertions.Expect(visitor.Locator(".product-card")).ToHaveCountAsync(1);
        await Assertions.Expect(visitor.Locator(".product-card__link", new() { HasText = "Joinery Basics" })).ToBeVisibleAsync();

        Assert.Empty(errors);
        app.Logs.AssertNoErrors();
    }
}
