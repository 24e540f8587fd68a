using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Library;

namespace Storefront.Tests.Browser;

/// <summary>
/// The buyer who lost the receipt, in real Chromium: buy, sign in to the library by the emailed link, download again,
/// watch the downloads left go down, and read why there are none once they run out.
/// </summary>
public sealed partial class LibraryBrowserTests : BrowserTest
{
    [Fact]
    public async Task ABuyerWhoLostTheReceiptSignsInByLinkAndDownloadsUntilTheUsesRunOut()
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?> { ["Site:SupportEmail"] = "help@example.com" });
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shop.App.BaseAddress.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync("/products/field-guide");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = BuyNow() }).ClickAsync();
        await page.GetByLabel("Email").FillAsync("lost@example.com");
        await page.GetByLabel("Full name").FillAsync("Lou Lost");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay 29.00 USD", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(SuccessPage(), new() { Timeout = 90_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = "your library" }).ClickAsync();

        Assert.Equal("Your library", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        await page.GetByLabel("Your email").FillAsync("lost@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a sign-in link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Check your inbox");
        await page.GotoAsync((await LibraryVisitor.SignInLinkAsync(shop.App, "lost@example.com")).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByText("Signed in as lost@example.com")).ToBeVisibleAsync();
        for (var left = 2; left >= 0; left--)
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download Field Guide" }).ClickAsync());
            await download.SaveAsAsync(Path.Combine(shop.App.Folder.Path, $"copy-{left}.pdf"));
            await Eventually.HoldsAsync(async () => await shop.App.WithDbAsync(d => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
                .SingleAsync(d.Set<Storefront.Downloads.Entitlements.Entitlement>())) is { StreamsOpen: 0 } e && e.UsesLeft == left, "the copy being counted", seconds: 15);
            await page.ReloadAsync();
            if (left > 0)
            {
                await Assertions.Expect(page.GetByText($"{left} of 3 downloads left")).ToBeVisibleAsync();
            }
        }

        await Assertions.Expect(page.GetByText("All 3 downloads of this purchase are used up.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Ask the seller for more downloads at help@example.com.")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Download Field Guide" }).CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Your email")).ToBeVisibleAsync();
        Assert.Empty(errors);
        shop.App.Logs.AssertNoErrors();
    }

    [GeneratedRegex("^Buy now")]
    private static partial Regex BuyNow();

    [GeneratedRegex(@"/checkout/success\?session_id=")]
    private static partial Regex SuccessPage();
}
