using Microsoft.Playwright;
using Storefront.Core.Security;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Browser;

/// <summary>The shop owner's admin in real Chromium: find an order, revoke its download, read the dashboard.</summary>
public sealed class OperationsBrowserTests : BrowserTest
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnAdministratorFindsAnOrderByEmailRevokesItsDownloadAndTheBuyerIsDenied(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("mira@example.com", "Mira Jones")).Page));
        await shop.BuyAsync("someone@example.com", "Someone Else");
        var (page, email) = await AdminLogin.PageAsync(Browser, shop.App, AdminRoles.Administrator);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GetByRole(AriaRole.Link, new() { Name = "Orders", Exact = true }).ClickAsync();
        await page.GetByLabel("Buyer email or order number").FillAsync("mira@");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find orders" }).ClickAsync();
        Assert.Equal(1, await page.Locator("tbody tr").CountAsync());
        await page.Locator("tbody tr a").ClickAsync();
        Assert.StartsWith("Order #", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke…" }).ClickAsync();
        Assert.Contains("This cannot be undone", await page.GetByRole(AriaRole.Alertdialog).InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, revoke" }).ClickAsync();

        Assert.Contains("is revoked", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        Assert.Contains("revoked by admin", await page.Locator("main").InnerTextAsync());
        var buyer = await Browser.NewPageAsync();
        var denied = await buyer.GotoAsync(link);
        Assert.Equal(403, denied!.Status);
        await page.GotoAsync("/admin/audit");
        var row = page.Locator("tbody tr").First;
        Assert.Contains(email, await row.InnerTextAsync());
        Assert.Contains("entitlement.revoked", await row.InnerTextAsync());
        Assert.Empty(errors);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheDashboardChartIsAnAccessibleImageAndTheMenuOffersTheOwnersScreens()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("chart@example.com", "Chart");
        var (page, _) = await AdminLogin.PageAsync(Browser, shop.App, AdminRoles.Administrator);

        var chart = page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Orders and downloads per day") });

        Assert.Equal(1, await chart.CountAsync());
        Assert.Contains("1 orders", await chart.GetAttributeAsync("aria-label"));
        Assert.Equal(1, await page.Locator("svg.trend-chart > title").CountAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).CountAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Main).CountAsync());
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" });
        foreach (var item in new[] { "Orders", "Audit log", "Settings" })
        {
            Assert.Equal(1, await nav.GetByRole(AriaRole.Link, new() { Name = item, Exact = true }).CountAsync());
        }

        shop.App.Logs.AssertNoErrors();
    }
}
