using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.Tests.Browser;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Versions;

/// <summary>An editor drafts a new price for a published product in real Chromium, previews it, publishes it.</summary>
public sealed class DraftBrowserTests : BrowserTest
{
    [Fact]
    public async Task AnEditorDraftsANewPricePreviewsItAndPublishesItWhileBuyersSeeTheOldOneUntilThen()
    {
        await using var app = await StorefrontApp.StartAsync();
        var shop = await VersionedShop.ForAsync(app);
        var product = await shop.ProductAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
        page.Console += (_, message) => { if (message.Type == "error") { lock (errors) { errors.Add(message.Text); } } };
        await AdminSession.SignInAsync(page, app, "Editor");

        await page.GotoAsync($"/admin/products/{product.Id}");
        await page.GetByLabel("Price", new() { Exact = true }).FillAsync("39.00");
        await page.GetByLabel("Cover alt text").FillAsync("A plain grey cover");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        await Assertions.Expect(page.Locator("#draft-notice")).ToContainTextAsync("This form shows draft version 2 (price)");
        await Assertions.Expect(page.GetByLabel("Price", new() { Exact = true })).ToHaveValueAsync("39.00");
        Assert.Contains("$29.00", (await shop.VisitAsync("/products/field-guide")).Html);

        await page.Locator("#draft-notice").GetByRole(AriaRole.Link, new() { Name = "Preview it" }).ClickAsync();
        await Assertions.Expect(page.Locator(".product__price")).ToContainTextAsync("$39.00");
        await Assertions.Expect(page.Locator("#preview-draft")).ToContainTextAsync("Buyers still see version 1.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish this draft" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/admin/products/{product.Id}/versions$"));
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("buyers now see version 3");
        await Assertions.Expect(page.Locator("#product-versions")).ToContainTextAsync("3 (live)");
        Assert.Contains("$39.00", (await shop.VisitAsync("/products/field-guide")).Html);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        app.Logs.AssertNoErrors();
    }
}
