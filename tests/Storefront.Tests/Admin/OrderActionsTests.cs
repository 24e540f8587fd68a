using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Outbox;
using Storefront.Core.Security;
using Storefront.Downloads.Entitlements;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

public sealed class OrderActionsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ExtendingAnExhaustedDownloadReactivatesItAndAReSentReceiptCarriesLinksThatWork(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("ext@example.com", "Ext")).Page));
        await shop.WaitForOutboxAsync(1);
        using var buyer = shop.App.CreateHttpClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync(link)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync(link)).StatusCode);
        var entitlement = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        Assert.Equal(EntitlementStatus.Exhausted, entitlement.Status);
        var page = $"/admin/orders/{entitlement.OrderNumber}";
        using var admin = await AdminLogin.ClientAsync(shop.App, "ada@example.com", AdminRoles.Administrator);
        var newExpiry = DateTime.UtcNow.AddDays(7);

        var extended = await AdminForms.PostAndFollowAsync(admin, page, page + "?handler=Extend", ("entitlement", entitlement.Id.ToString()),
            ("extraUses", "2"), ("newExpiry", newExpiry.ToString("yyyy-MM-ddTHH:mm")));
        var firstMail = Assert.Single(Directory.GetFiles(shop.App.Folder.File("mail"), "*.eml"));
        var firstText = await File.ReadAllTextAsync(firstMail);
        var resent = await AdminForms.PostAndFollowAsync(admin, page, page + "?handler=Resend");
        await shop.WaitForOutboxAsync(2);

        Assert.Contains("now has 2 download(s) left", extended);
        Assert.Contains("on its way to ext@example.com again", resent);
        var after = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        Assert.Equal((EntitlementStatus.Active, 2, 5), (after.Status, after.UsesLeft, after.UsesAllowed));
        Assert.Equal(newExpiry.ToString("yyyy-MM-ddTHH:mm"), after.ExpiresAt.ToString("yyyy-MM-ddTHH:mm"));
        // The re-sent receipt keeps the order's Message-ID (a reader's client threads it with the first), so the
        // pickup folder holds one file, rewritten with fresh links.
        Assert.Equal(2, await shop.App.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Type == "payments.receipt" && m.ProcessedAt != null)));
        var newest = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(shop.App.Folder.File("mail"), "*.eml")));
        Assert.NotEqual(firstText, newest);
        // It says what the link has left after the extension, not what the purchase first allowed.
        Assert.Contains("2 of 5 downloads left, until", Eml.Text(newest));
        var fresh = Eml.FirstDownloadLink(newest);
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync(fresh)).StatusCode);
        // The administrator's own account, created for the test, is audited too ("user.created").
        var actions = await shop.App.WithDbAsync(d => d.Set<AuditEntry>().Where(e => !e.Action.StartsWith("user.")).OrderBy(e => e.At)
            .Select(e => e.Action + " by " + e.UserName).ToListAsync());
        Assert.Equal(["entitlement.extended by ada@example.com", "receipt.resent by ada@example.com"], actions);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ARevokedDownloadCannotBeExtendedAndBadInputGetsAMessageNotAnError()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("stay@example.com", "Stay");
        var entitlement = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        var page = $"/admin/orders/{entitlement.OrderNumber}";
        using var admin = await AdminLogin.ClientAsync(shop.App, "ada@example.com", AdminRoles.Administrator);

        var badDate = await AdminForms.PostAndFollowAsync(admin, page, page + "?handler=Extend", ("entitlement", entitlement.Id.ToString()),
            ("newExpiry", "next tuesday"));
        var past = await AdminForms.PostAndFollowAsync(admin, page, page + "?handler=Extend", ("entitlement", entitlement.Id.ToString()),
            ("newExpiry", "2001-01-01T00:00"));
        var wrongOrder = await AdminForms.PostAndFollowAsync(admin, page, page + "?handler=Revoke", ("entitlement", Guid.NewGuid().ToString()),
            ("confirmed", "true"));
        await AdminForms.PostAndFollowAsync(admin, page, page + "?handler=Revoke", ("entitlement", entitlement.Id.ToString()), ("confirmed", "true"));
        var extendRevoked = await AdminForms.PostAndFollowAsync(admin, page, page + "?handler=Extend", ("entitlement", entitlement.Id.ToString()),
            ("extraUses", "5"));

        Assert.Contains("Enter the new expiry as a date and time", badDate);
        Assert.Contains("must be in the future", past);
        Assert.Contains("not part of this order", wrongOrder);
        Assert.Contains("was revoked and cannot be extended", extendRevoked);
        var after = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        Assert.Equal((EntitlementStatus.Revoked, 3), (after.Status, after.UsesAllowed));
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("1e2")]
    [InlineData("99999999999")]
    [InlineData("two")]
    public async Task ACountOfExtraDownloadsThatCannotBeReadRefusesTheWholeExtension(string extraUses)
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("count@example.com", "Count");
        var before = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        var page = $"/admin/orders/{before.OrderNumber}";
        using var admin = await AdminLogin.ClientAsync(shop.App, "ada@example.com", AdminRoles.Administrator);

        var refused = await AdminForms.PostAndFollowAsync(admin, page, page + "?handler=Extend", ("entitlement", before.Id.ToString()),
            ("extraUses", extraUses), ("newExpiry", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-ddTHH:mm")));

        Assert.Contains("Extra downloads must be between 0 and 1000.", refused);
        var after = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        Assert.Equal((before.UsesAllowed, before.ExpiresAt), (after.UsesAllowed, after.ExpiresAt));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task EditorsAreRefusedOrdersSettingsAuditAndOrderActionsButSeeAReducedDashboard()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("money@example.com", "Money");
        var entitlement = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        using var editor = await AdminLogin.ClientAsync(shop.App, "eddie@example.com", AdminRoles.Editor);
        using var anonymous = shop.App.CreateHttpClient();

        foreach (var path in new[] { "/admin/orders", $"/admin/orders/{entitlement.OrderNumber}", "/admin/settings", "/admin/audit" })
        {
            var refused = await editor.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/admin/account/denied", refused.Headers.Location!.PathAndQuery);
            Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(refused.Headers.Location)).StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
        }

        var dashboard = await editor.GetStringAsync("/admin");
        Assert.Contains("1 product(s), 1 published", dashboard);
        Assert.DoesNotContain("Revenue", dashboard);
        Assert.DoesNotContain("29.00", dashboard);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/admin")).StatusCode);
        shop.App.Logs.AssertNoErrors();
    }
}
