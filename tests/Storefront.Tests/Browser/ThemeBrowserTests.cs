using Microsoft.Playwright;
using Storefront.Core.Security;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Browser;

/// <summary>The owner's logo and theme choice, made in the admin and seen by a buyer, in real Chromium.</summary>
public sealed class ThemeBrowserTests : BrowserTest
{
    [Theory]
    [InlineData("Storefront")]
    [InlineData("Journal")]
    public async Task ALogoUploadedInTheSettingsHeadsTheShopNamedAfterItAndFitsAPhone(string theme)
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Settings("Field Guides").Step(new() { ["name"] = "settings", ["theme"] = theme })
            .Products(TestRecipe.Product("can-bus-field-guide", "CAN Bus Field Guide")).WriteTo(folder.Path));
        var buyer = await PhonePageAsync(app);
        await buyer.GotoAsync("/");
        var home = buyer.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Field Guides", Exact = true });
        Assert.Equal("Field Guides", (await home.InnerTextAsync()).Trim());
        Assert.Equal(0, await home.Locator("img").CountAsync());

        var (admin, _) = await AdminLogin.PageAsync(Browser, app, AdminRoles.Administrator);
        await admin.GotoAsync("/admin/settings");
        // Far wider than a phone, so the header has to scale it down rather than scroll.
        await admin.GetByLabel("Logo image").SetInputFilesAsync(new FilePayload { Name = "wide-logo.png", MimeType = "image/png", Buffer = TestRecipe.Png(1200, 100) });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Upload logo" }).ClickAsync();
        await admin.GetByText("The new logo is saved.").WaitForAsync();

        await buyer.ReloadAsync();
        var logo = home.Locator("img");
        Assert.StartsWith("/media/logos/", await logo.GetAttributeAsync("src"));
        Assert.Equal("Field Guides", await logo.GetAttributeAsync("alt"));
        Assert.Equal(1200, await logo.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0"));
        Assert.InRange((await logo.BoundingBoxAsync())!.Width, 1, 375);
        var problems = await buyer.EvaluateAsync<string[]>(StorefrontBrowserTests.AccessibilitySmokeCheck);
        Assert.True(problems.Length == 0, string.Join("\n", problems));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ChoosingAnotherThemeInTheSettingsRestylesTheNextPageTheBuyerOpens()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Settings("Field Guides").Products(TestRecipe.Product("can-bus-field-guide", "CAN Bus Field Guide")).WriteTo(folder.Path));
        var buyer = await PhonePageAsync(app);
        await buyer.GotoAsync("/products/can-bus-field-guide");
        Assert.Contains("/theme/site.css", await StylesheetAsync(buyer));
        Assert.EndsWith("sans-serif", await FontAsync(buyer), StringComparison.Ordinal);

        var (admin, _) = await AdminLogin.PageAsync(Browser, app, AdminRoles.Administrator);
        await admin.GotoAsync("/admin/settings");
        Assert.Contains("Quiet and bookish", await admin.Locator("#theme-hint").InnerTextAsync());
        await admin.GetByLabel("Theme").SelectOptionAsync("Journal");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await admin.GetByText(new System.Text.RegularExpressions.Regex("^Saved: .*theme")).WaitForAsync();

        await buyer.ReloadAsync();
        Assert.Contains("/themes/journal/journal.css", await StylesheetAsync(buyer));
        Assert.EndsWith(", serif", await FontAsync(buyer), StringComparison.Ordinal);
        Assert.Equal(1, await buyer.Locator("header.masthead").CountAsync());
        Assert.Equal("CAN Bus Field Guide", await buyer.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        // The admin keeps its own theme whatever the storefront wears.
        await admin.ReloadAsync();
        Assert.Contains("/admin/theme/admin.css", await StylesheetAsync(admin));
        app.Logs.AssertNoErrors();
    }

    private async Task<IPage> PhonePageAsync(StorefrontApp app)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = 375, Height = 740 } });
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Assert.Fail(error);
        return page;
    }

    private static Task<string> StylesheetAsync(IPage page) =>
        page.EvaluateAsync<string>("() => [...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.getAttribute('href')).join(' ')");

    private static Task<string> FontAsync(IPage page) => page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily");
}
