using Microsoft.Playwright;
using Storefront.Core.Security;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Browser;

/// <summary>
/// Screenshots of key pages at phone and desktop widths against committed baselines (see <see cref="ScreenshotBaseline"/>).
/// The shop is set up from a fixed recipe and the admin signs in under a fixed address, so what changes between
/// runs is only what is masked.
/// </summary>
public sealed class ScreenshotTests : BrowserTest
{
    [Theory]
    [InlineData(375)]
    [InlineData(1280)]
    public async Task KeyPagesLookAsTheirBaselines(int width)
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Settings("Field Guides").Products(TestRecipe.Product("can-bus-field-guide", "CAN Bus Field Guide")).WriteTo(folder.Path));
        await AdminSession.CreateUserAsync(app, AdminRoles.Administrator, "ada@example.com");
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = 800 }, ColorScheme = ColorScheme.Light,
            ReducedMotion = ReducedMotion.Reduce,
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();

        await Shoot(page, $"storefront-home-{width}", "/", problems);
        await Shoot(page, $"storefront-product-{width}", "/products/can-bus-field-guide", problems);
        await Shoot(page, $"admin-sign-in-{width}", "/admin/account/sign-in", problems);
        await AdminSession.SignInAsync(page, "ada@example.com");
        await page.GotoAsync("/admin/products");
        var edit = await page.GetByRole(AriaRole.Link, new() { Name = "CAN Bus Field Guide" }).First.GetAttributeAsync("href");
        await Shoot(page, $"admin-product-edit-{width}", edit!, problems);
        // Anything naming this run's temporary folder or port is masked.
        await Shoot(page, $"admin-settings-{width}", "/admin/settings", problems, "input[value*='/tmp/']", "input[value*='127.0.0.1']", ".secret-state:has-text('/tmp/')");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        app.Logs.AssertNoErrors();
    }

    private static async Task Shoot(IPage page, string name, string path, List<string> problems, params string[] masked)
    {
        // Network idle: what pages fetch after loading (the Markdown preview) is drawn before the shot, not raced by it.
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.EvaluateAsync("() => document.fonts.ready");
        var png = await page.ScreenshotAsync(new()
        {
            FullPage = true, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide,
            Mask = masked.Select(m => page.Locator(m)).ToArray(), MaskColor = "#ff00ff",
        });
        if (ScreenshotBaseline.Check(name, png) is { } problem)
        {
            problems.Add(problem);
        }
    }
}
