using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Downloads.Sharing;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Downloads.Sharing;

/// <summary>A link fetched from many networks through the known proxy: one flag, one email, and never a block on the first signal.</summary>
public sealed class SharedLinkDetectionTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task CopiesToManyNetworksThroughTheProxyRaiseOneFlagAndOneEmail(Db db)
    {
        await using var shared = await SharedPurchase.BoughtAsync(db);

        await shared.DownloadAllAsync("198.51.100.7", "203.0.113.9", "192.0.2.44");
        Assert.Empty(await shared.FlagsAsync());
        await shared.DownloadAllAsync("100.64.12.1", "100.64.13.1", "100.64.14.1", "198.51.100.8");

        var flag = Assert.Single(await shared.FlagsAsync());
        var entitlement = await shared.EntitlementAsync();
        Assert.Equal((SharingStatus.Open, 1, entitlement.OrderNumber), (flag.Status, flag.Round, flag.OrderNumber));
        Assert.Equal(6, flag.Networks);
        Assert.Null(entitlement.SharingSuspendedAt);
        var first = flag.ReadEvidence().First();
        Assert.Equal(("198.51.100.0/24", 2), (first.Network, first.Copies));
        Assert.Equal(["198.51.100.7", "198.51.100.8"], first.Addresses);
        await shared.Shop.WaitForOutboxDrainedAsync();
        Assert.Equal(1, await shared.QueuedEmailsAsync());
        var email = Assert.Single(SharedPurchase.Emails(shared.Shop.App));
        Assert.Contains($"<{SharedPurchase.Support}>", email.Split("\r\n").Single(l => l.StartsWith("To:", StringComparison.Ordinal)));
        var text = Eml.Text(email);
        Assert.Contains($"order {entitlement.OrderNumber}", text);
        Assert.Contains("203.0.113.0/24", text);
        Assert.Contains("Firefox/140.0", text);
        Assert.Contains("/admin/shared-links", text);
        Assert.Equal(1, await shared.Shop.App.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(e => e.Action == "sharing.flagged")));

        // Erasing the buyer takes the flag's addresses and user agents with the download log's; the flag itself stays.
        using var admin = await AdminSession.SignInAsync(shared.Shop.App);
        var erased = await AdminSession.PostFormAsync(admin, "/admin/privacy", new() { ["Email"] = entitlement.BuyerEmail, ["Confirmed"] = "true" },
            "/admin/privacy?handler=Erase");
        Assert.Contains("Erased: the buyer is now", await erased.Content.ReadAsStringAsync());
        var kept = Assert.Single(await shared.FlagsAsync());
        Assert.Equal((SharingStatus.Open, 6), (kept.Status, kept.Networks));
        Assert.Empty(kept.ReadEvidence());
        shared.Shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheSupportEmailIsATemplateEditorsCanChange()
    {
        await using var shared = await SharedPurchase.BoughtAsync(Db.Sqlite);
        using (var admin = await AdminSession.SignInAsync(shared.Shop.App))
        {
            await Templates.TemplateAdmin.SaveAsync(admin, "email.sharing.support.subject", "Order {{ sharing.order_number }} looks shared: {{ sharing.networks }} networks");
            await Templates.TemplateAdmin.SaveAsync(admin, "email.sharing.support.text",
                "{% for n in sharing.evidence %}{{ n.network }} x{{ n.copies }}\n{% endfor %}{{ sharing.review }}");
        }

        await shared.DownloadAllAsync("198.51.100.7", "203.0.113.9", "192.0.2.44", "100.64.12.1");
        await shared.Shop.WaitForOutboxDrainedAsync();

        var email = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Assert.Single(SharedPurchase.Emails(shared.Shop.App)))));
        var order = (await shared.EntitlementAsync()).OrderNumber;
        Assert.Equal($"Order {order} looks shared: 4 networks", email.Subject);
        Assert.Matches(@"^198\.51\.100\.0/24 x1\n203\.0\.113\.0/24 x1\n192\.0\.2\.0/24 x1\n100\.64\.12\.0/24 x1\nhttps?://\S+/admin/shared-links", email.TextBody);
        // The HTML part was not changed: the built-in one goes with the edited text.
        Assert.Contains("user agents: ", email.HtmlBody);
        shared.Shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task HostsOfOneNetworkCountOnceAndFewNetworksRaiseNothing()
    {
        await using var shared = await SharedPurchase.BoughtAsync();

        await shared.DownloadAllAsync("198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.250", "203.0.113.1", "192.0.2.1", "192.0.2.99");

        Assert.Empty(await shared.FlagsAsync());
        Assert.Equal(0, await shared.QueuedEmailsAsync());
        shared.Shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task IPv6CountsBy48AndMappedIPv4CountsAsIPv4()
    {
        await using var shared = await SharedPurchase.BoughtAsync();

        await shared.DownloadAllAsync("2001:db8:1:1::1", "2001:db8:1:2::1", "2001:db8:2::1", "::ffff:198.51.100.9", "198.51.100.20");
        Assert.Empty(await shared.FlagsAsync());
        await shared.DownloadAllAsync("2001:db8:3::1");

        var flag = Assert.Single(await shared.FlagsAsync());
        Assert.Equal(["2001:db8:1::/48", "2001:db8:2::/48", "198.51.100.0/24", "2001:db8:3::/48"], flag.ReadEvidence().Select(n => n.Network));
        Assert.Equal(2, flag.ReadEvidence()[0].Addresses.Count);
        shared.Shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task PastTheSecondThresholdDownloadsStopUntilAnAdministratorClearsIt(Db db)
    {
        await using var shared = await SharedPurchase.BoughtAsync(db, new Dictionary<string, string?>
        {
            ["Downloads:Sharing:FlagNetworks"] = "3", ["Downloads:Sharing:SuspendNetworks"] = "5",
        });

        // The third network flags it and the buyer goes on; the fifth copy is still delivered, the next one is not.
        await shared.DownloadAllAsync("10.1.0.1", "10.2.0.1", "10.3.0.1", "10.4.0.1", "10.5.0.1");
        Assert.Equal(HttpStatusCode.Forbidden, await shared.DownloadFromAsync("10.1.0.1"));
        using (var client = shared.Shop.App.CreateHttpClient())
        {
            Assert.Contains("Downloads of this purchase are paused", await (await client.GetAsync(new Uri(shared.Link).PathAndQuery)).Content.ReadAsStringAsync());
        }
        var flag = Assert.Single(await shared.FlagsAsync());
        Assert.Equal(SharingStatus.Suspended, flag.Status);
        Assert.NotNull((await shared.EntitlementAsync()).SharingSuspendedAt);

        using var admin = await AdminSession.SignInAsync(shared.Shop.App);
        var cleared = await AdminSession.PostFormAsync(admin, "/admin/shared-links",
            [], $"/admin/shared-links?handler=Clear&id={flag.EntitlementId}&order={flag.OrderNumber}");
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Contains($"Order {flag.OrderNumber} is cleared", await admin.GetStringAsync("/admin/shared-links"));

        // The networks already seen were acknowledged: copies to them neither flag nor stop anything again.
        await shared.DownloadAllAsync("10.1.0.2", "10.2.0.2", "10.3.0.2", "10.4.0.2", "10.5.0.2", "10.6.0.1", "10.7.0.1");
        Assert.Equal(SharingStatus.Cleared, Assert.Single(await shared.FlagsAsync()).Status);
        Assert.Null((await shared.EntitlementAsync()).SharingSuspendedAt);

        // As many new networks as flag a purchase raise it again, with a second email.
        await shared.DownloadAllAsync("10.8.0.1");
        var again = Assert.Single(await shared.FlagsAsync());
        Assert.Equal((SharingStatus.Open, 2, 3), (again.Status, again.Round, again.Networks));
        await shared.Shop.WaitForOutboxDrainedAsync();
        Assert.Equal(2, SharedPurchase.Emails(shared.Shop.App).Count);
        var actions = await shared.Shop.App.WithDbAsync(d => d.Set<AuditEntry>().Where(e => e.Action.StartsWith("sharing.")).OrderBy(e => e.At).Select(e => e.Action).ToListAsync());
        Assert.Equal(["sharing.flagged", "sharing.suspended", "sharing.cleared", "sharing.flagged"], actions);
        shared.Shop.App.Logs.AssertNoErrors();
    }
}
