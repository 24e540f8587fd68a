using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Security;
using Storefront.Payments.Orders;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Browser;

/// <summary>The owner answers a dispute in real Chromium: from the order to the drafted evidence, by its labels, to the bank.</summary>
public sealed class DisputeEvidenceBrowserTests : BrowserTest
{
    [Fact]
    public async Task AnAdministratorEditsTheDraftedEvidenceSavesItAndSubmitsItToTheBank()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("iris@example.com", "Iris Buyer");
        var (intent, number) = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => new Tuple<string, long>(o.PaymentIntentId!, o.Number)).SingleAsync());
        await DisputeNoticeTests.OpenDisputeAsync(shop, intent);
        var (page, _) = await AdminLogin.PageAsync(Browser, shop.App, AdminRoles.Administrator);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync($"/admin/orders/{number}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Prepare evidence" }).ClickAsync();
        Assert.StartsWith("Evidence for the dispute", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        var name = page.GetByLabel("Customer name");
        Assert.Equal("Iris Buyer", await name.InputValueAsync());
        await name.FillAsync("Iris B. Buyer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a draft with Stripe" }).ClickAsync();
        Assert.Contains("saved with Stripe as a draft", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Prepare evidence" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit to the bank (final)" }).ClickAsync();
        Assert.Contains("submitted to the bank", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        Assert.Contains("evidence submitted to the bank", await page.Locator("main").InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Prepare evidence" }).CountAsync());
        Assert.Empty(errors);
        shop.App.Logs.AssertNoErrors();
    }
}
