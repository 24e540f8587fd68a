using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.Core.Security;
using Storefront.Downloads.Entitlements;
using Storefront.Downloads.Sharing;
using Storefront.Tests.Browser;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Downloads.Sharing;

/// <summary>"Shared links" in the admin: the evidence, Suspend and Clear, and who may see it.</summary>
public sealed partial class SharedLinksAdminTests : BrowserTest
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

    /// <summary>
    /// Twenty-five flags are listed twenty to a page, newest first, each once; a hand-edited page number shows the nearest
    /// page that exists, and a decision on page 2 posts the page number along and comes back to page 2.
    /// </summary>
    [Fact]
    public async Task ManyFlagsArePagedNewestFirst()
    {
        await using var app = await StorefrontApp.StartAsync();
        // Order 1001 was flagged first and 1025 last, a minute apart.
        await app.WithDbAsync(d =>
        {
            for (var number = 1001; number <= 1025; number++)
            {
                var flaggedAt = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc).AddMinutes(number - 1000);
                var entitlement = new Entitlement
                {
                    OrderId = Guid.CreateVersion7(), OrderNumber = number, ProductId = Guid.CreateVersion7(), ProductTitle = "Shared Guide",
                    BuyerEmail = $"buyer-{number}@example.com", UsesAllowed = 5, UsesLeft = 5, ExpiresAt = flaggedAt.AddYears(1),
                    Fingerprint = Guid.NewGuid().ToString("N"), LicenseCode = $"CODE-{number}", CreatedAt = flaggedAt.AddDays(-1),
                };
                d.Add(entitlement);
                d.Add(new SharingFlag { EntitlementId = entitlement.Id, OrderId = entitlement.OrderId, OrderNumber = number, FlaggedAt = flaggedAt, Networks = 4 });
            }
            return d.SaveChangesAsync();
        });
        using var admin = await AdminSession.SignInAsync(app);

        await AdminPaging.AssertTwoPagesAsync(admin, "/admin/shared-links", "", Listed, AdminPaging.Newest(1025, 1006), AdminPaging.Newest(1005, 1001));
        var first = await admin.GetStringAsync("/admin/shared-links");
        var second = await admin.GetStringAsync("/admin/shared-links?p=2");
        Assert.Contains("25 flagged purchases, newest first.", first);
        Assert.Contains("<nav aria-label=\"Pages of flagged purchases\" class=\"pagination\">", first);
        Assert.Contains("<a href=\"/admin/shared-links?p=2\" rel=\"next\">Older</a>", first);
        Assert.Contains("<a href=\"/admin/shared-links?p=1\" rel=\"prev\">Newer</a>", second);

        var suspend = SuspendAction().Matches(second).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Single(a => a.Contains("&order=1003&", StringComparison.Ordinal));
        Assert.Contains("&p=2", suspend);
        using var suspended = await AdminSession.PostFormAsync(admin, "/admin/shared-links?p=2", [], suspend);
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        Assert.Equal("/admin/shared-links?p=2", suspended.Headers.Location?.OriginalString);
        var back = await admin.GetStringAsync(suspended.Headers.Location!.OriginalString);
        Assert.Contains("Downloads of order 1003 are suspended.", back);
        Assert.Equal(AdminPaging.Newest(1005, 1001), Listed(back));
        app.Logs.AssertNoErrors();
    }

    private static List<long> Listed(string page) => FlagHeading().Matches(page).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("<h2 id=\"flag-[0-9a-f]{32}\">Order (\\d+):")]
    private static partial Regex FlagHeading();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*handler=Suspend[^\"]*)\"")]
    private static partial Regex SuspendAction();

    private static Task<HttpResponseMessage> PostAsync(HttpClient admin, string handler, SharingFlag flag) =>
        AdminSession.PostFormAsync(admin, "/admin/shared-links", [],
            $"/admin/shared-links?handler={handler}&id={flag.EntitlementId}&order={flag.OrderNumber}");
}
