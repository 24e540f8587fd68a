using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Media;
using Storefront.Users.Services;

namespace Storefront.Tests.Browser;

/// <summary>A large photo uploaded in the admin reaches a phone as a small variant that Chromium picks from the srcset.</summary>
public sealed class MediaBrowserTests : BrowserTest
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task ALargeCoverUploadedInTheAdminIsLoadedAsASmallWebpVariantAtAPhoneWidth()
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignInAsync(app);
        await editor.GotoAsync("/admin/products/new");
        await editor.GetByLabel("Title", new() { Exact = true }).FillAsync("Harbour Photo Book");
        await editor.GetByLabel("Price", new() { Exact = true }).FillAsync("15.00");
        await editor.Locator("#Cover").SetInputFilesAsync(new FilePayload { Name = "harbour.jpg", MimeType = "image/jpeg", Buffer = MediaFiles.Photo(2400, 1600) });
        await editor.GetByLabel("Cover alt text").FillAsync("Fishing boats moored in the harbour at dawn");
        await editor.Locator("#master-file").SetInputFilesAsync(TestRecipe.SamplePdf);
        await Assertions.Expect(editor.Locator("[data-master-upload]")).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 30_000 });
        await editor.GetByLabel("Published (for sale on the storefront)").CheckAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".flash")).ToContainTextAsync("is published");

        var phone = await (await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 375, Height = 740 }, DeviceScaleFactor = 1,
        })).NewPageAsync();
        var errors = new List<string>();
        phone.PageError += (_, error) => errors.Add(error);
        await phone.GotoAsync("/products/harbour-photo-book");
        var cover = phone.GetByAltText("Fishing boats moored in the harbour at dawn");
        await phone.WaitForFunctionAsync("() => { const img = document.querySelector('img.product__cover'); return img && img.complete && img.naturalWidth > 0; }");
        var currentSrc = await cover.EvaluateAsync<string>("img => img.currentSrc");

        // 375 CSS pixels at 1x: the 640px variant is the smallest that covers the width, in WebP, which Chromium takes.
        Assert.Matches(new Regex(@"/media/variants/640/covers/[0-9a-f]{20}/harbour\.jpg\.webp$"), currentSrc);
        Assert.Equal("2400", await cover.GetAttributeAsync("width"));
        Assert.Empty(errors);
        app.Logs.AssertNoErrors();
    }

    private async Task<IPage> SignInAsync(StorefrontApp app)
    {
        var email = $"editor-{Guid.NewGuid().ToString("N")[..8]}@example.com";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, Password, "Editor")).Succeeded);
        }

        var page = await (await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() })).NewPageAsync();
        await page.GotoAsync("/admin/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        return page;
    }
}
