using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.Tests.Browser;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Templates;

/// <summary>An administrator edits a storefront section in real Chromium: a refused save, a preview, a save, the page.</summary>
public sealed class TemplateBrowserTests : BrowserTest
{
    [Fact]
    public async Task AnAdministratorIsToldWhereTheMistakeIsPreviewsTheFixSavesItAndSeesItOnTheProductPage()
    {
        await using var app = await TemplateAdminTests.StartWithBookAsync(Db.Sqlite);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await AdminSession.SignInAsync(page, app);

        await page.GotoAsync("/admin/templates");
        await page.GetByRole(AriaRole.Link, new() { Name = "Product page: after the description" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Template: Product page: after the description");
        var editor = page.GetByLabel("Template (Liquid)");
        Assert.Contains("Instant download after payment", await editor.InputValueAsync()); // the built-in, in Liquid
        const string broken = "<p class=\"note\">{{ product.title | upcase }} from {{ product.price</p>";
        await editor.FillAsync(broken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync(new Regex("Line 1, column \\d+"));
        Assert.Equal(broken, await page.GetByLabel("Template (Liquid)").InputValueAsync());

        const string fixedBody = "<p class=\"note\">{{ product.title | upcase }} from {{ product.price }}</p>";
        await page.GetByLabel("Template (Liquid)").FillAsync(fixedBody);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview (not saved)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.FrameLocator("iframe.template-preview").Locator("p.note")).ToHaveTextAsync("BOOK from $29.00");
        Assert.Equal(fixedBody, await page.GetByLabel("Template (Liquid)").InputValueAsync());
        Assert.Empty(await TemplateAdmin.VersionsAsync(app, "product.aside"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Saved");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("(in use)");

        await page.GotoAsync("/products/book");
        await Assertions.Expect(page.Locator("p.note")).ToHaveTextAsync("BOOK from $29.00");
        app.Logs.AssertNoErrors();
    }
}
