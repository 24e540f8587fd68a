using Microsoft.Playwright;
using Storefront.Core.Security;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Browser;

/// <summary>Refunding from the order page in real Chromium, by label and role as a person (or a screen reader) finds the form.</summary>
public sealed class RefundBrowserTests : BrowserTest
{
    [Fact]
    public async Task AnAdministratorRefundsPartThenAllOfAnOrderAndSeesItsAccessRevoked()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("mira@example.com", "Mira Jones")).Page));
        var number = await Payments.RefundForm.OrderNumberAsync(shop);
        var (page, email) = await AdminLogin.PageAsync(Browser, shop.App, AdminRoles.Administrator);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync($"/admin/orders/{number}");
        var refunds = page.GetByRole(AriaRole.Region, new() { Name = "Refunds" });
        Assert.Equal("29.00", await page.GetByLabel("Amount (USD)").InputValueAsync());

        await page.GetByLabel("Amount (USD)").FillAsync("9.00");
        await page.GetByLabel("Reason").SelectOptionAsync("requested_by_customer");
        await page.GetByLabel("Note (kept here, not sent to Stripe)").FillAsync("Chapter 3 was missing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refund", Exact = true }).ClickAsync();

        Assert.Equal("Refunded $9.00. $20.00 is left to refund. The downloads still work.", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        Assert.Contains("Chapter 3 was missing", await refunds.InnerTextAsync());
        Assert.Contains(email, await refunds.InnerTextAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Article).GetByText("Active").CountAsync());

        Assert.Equal("20.00", await page.GetByLabel("Amount (USD)").InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Refund", Exact = true }).ClickAsync();

        Assert.Equal("Refunded $20.00. The order is refunded in full and its downloads are revoked.", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        Assert.Contains("Left to refund: $0.00", await refunds.InnerTextAsync());
        Assert.Equal(0, await page.GetByLabel("Amount (USD)").CountAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Article).GetByText("Revoked", new() { Exact = true }).CountAsync());
        Assert.Equal(2, await refunds.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Credit note \\d \\(PDF\\)$") }).CountAsync());
        var buyer = await Browser.NewPageAsync();
        Assert.Equal(403, (await buyer.GotoAsync(link))!.Status);
        Assert.Empty(errors);
        shop.App.Logs.AssertNoErrors();
    }
}
