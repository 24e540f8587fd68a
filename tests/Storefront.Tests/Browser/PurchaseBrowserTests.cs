using Microsoft.Playwright;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Browser;

/// <summary>The whole purchase in real Chromium: product → Buy → Stripe's hosted page → Pay → success → download.</summary>
public sealed class PurchaseBrowserTests : BrowserTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ABuyerPaysOnTheHostedPageAndDownloadsACopyWithTheirEmailOnEveryPage(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shop.App.BaseAddress.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync("/products/field-guide");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Buy now") }).ClickAsync();
        await page.GetByLabel("Email").FillAsync("priya@example.com");
        await page.GetByLabel("Full name").FillAsync("Priya Sharma");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay 29.00 USD", Exact = true }).ClickAsync();

        // A loaded machine can take a while to confirm the payment; the heading below waits for the page itself.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/checkout/success\?session_id="), new() { Timeout = 90_000 });
        Assert.Equal("Your download is ready", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download Field Guide" }).ClickAsync());
        var saved = Path.Combine(shop.App.Folder.Path, "downloaded.pdf");
        await download.SaveAsAsync(saved);

        Assert.Equal("master.pdf", download.SuggestedFilename);
        var pages = await PdfTools.PageTextsAsync(await File.ReadAllBytesAsync(saved));
        Assert.Equal(4, pages.Count);
        Assert.All(pages, text => Assert.Contains("Do not distribute", text));
        Assert.Empty(errors);
        shop.App.Logs.AssertNoErrors();
    }
}
