using System.Net;
using Microsoft.Playwright;
using Storefront.Core.Security;
using Storefront.Downloads.Sharing;
using Storefront.Tests.Browser;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Downloads.Sharing;

/// <summary>"Shared links" in the admin: the evidence, Suspend and Clear, and who may see it.</summary>
public sealed class SharedLinksAdminTests : BrowserTest
{
    [Fact]
    public async Task AnAdministratorSuspendsAFlaggedPurchaseAndClearsIt()
    {
        await using var shared = await SharedPurchase.BoughtAsync();
        await shared.DownloadAllAsync("198.51.100.7", "203.0.113.9", "192.0.2.44", "100.64.12.1");
        var flag = Assert.Single(await shared.FlagsAsync());
        using var admin = await AdminSession.SignInAsync(shared.Shop.App);

        var page = await admin.GetStringAsync("/admin/shared-links");
        Assert.Contains($"Order {flag.OrderNumber}: Shared Guide", page);
        Assert.Contains("<code>203.0.113.0/24</code>", page);
        Assert.Contains("Firefox/140.0", page);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Suspend", flag)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await shared.DownloadFromAsync("198.51.100.7"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Clear", flag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await shared.DownloadFromAsync("198.51.100.7"));

        await shared.SettledAsync();
        Assert.Equal(SharingStatus.Cleared, Assert.Single(await shared.FlagsAsync()).Status);
        shared.Shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AnEditorCannotSeeSharedLinks()
    {
        await using var shared = await SharedPurchase.BoughtAsync();
        using var editor = await AdminSession.SignInAsync(shared.Shop.App, AdminRoles.Editor);

        using var response = await editor.GetAsync("/admin/shared-links");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Shared links", await (await editor.GetAsync("/admin")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheSharedLinksPageWorksInABrowser()
    {
        await using var shared = await SharedPurchase.BoughtAsync();
        await shared.DownloadAllAsync("198.51.100.7", "203.0.113.9", "192.0.2.44", "100.64.12.1");
        var flag = Assert.Single(await shared.FlagsAsync());
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shared.Shop.App.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await AdminSession.SignInAsync(page, shared.Shop.App);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Shared links" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = $"Copies of order {flag.OrderNumber} by network" })).ToContainTextAsync("192.0.2.0/24");
        // The audit of every admin page sees this one empty; with a flag on it, it must pass as well.
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = $"Suspend downloads of order {flag.OrderNumber}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Downloads of order {flag.OrderNumber} are suspended.");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Clear the flag of order {flag.OrderNumber}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Order {flag.OrderNumber} is cleared");

        Assert.Null((await shared.EntitlementAsync()).SharingSuspendedAt);
        shared.Shop.App.Logs.AssertNoErrors();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient admin, string handler, SharingFlag flag) =>
        AdminSession.PostFormAsync(admin, "/admin/shared-links", [],
            $"/admin/shared-links?handler={handler}&id={flag.EntitlementId}&order={flag.OrderNumber}");
}
