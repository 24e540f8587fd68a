using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Security;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

public sealed partial class OrdersAdminTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnAdministratorFindsAnOrderByEmailOrNumberAndSeesItsEntitlementAndDownloadLog(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("noor@example.com", "Noor Haddad")).Page));
        await shop.BuyAsync("other@example.com", "Other Buyer");
        using var download = shop.App.CreateHttpClient();
        download.DefaultRequestHeaders.UserAgent.ParseAdd("ReaderApp/3.0");
        Assert.Equal(HttpStatusCode.OK, (await download.GetAsync(link)).StatusCode);
        using var admin = await AdminLogin.ClientAsync(shop.App, "ada@example.com", AdminRoles.Administrator);

        var byEmail = await admin.GetStringAsync("/admin/orders?q=NOOR@example");
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync(o => o.BuyerEmail == "noor@example.com"));
        var byNumber = await admin.GetStringAsync($"/admin/orders?q=%23{order.Number}&status=Paid");
        var detail = await admin.GetStringAsync($"/admin/orders/{order.Number}");

        Assert.Contains("noor@example.com", byEmail);
        Assert.DoesNotContain("other@example.com", byEmail);
        Assert.Contains($"/admin/orders/{order.Number}", byNumber);
        Assert.DoesNotContain("other@example.com", byNumber);
        Assert.Contains(order.CheckoutSessionId!, detail);
        Assert.Contains(order.PaymentIntentId!, detail);
        Assert.Contains("2 of 3", detail);
        Assert.Contains("Delivered", detail);
        Assert.Contains("ReaderApp/3.0", detail);
        Assert.Contains("127.0.0.1", detail);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/orders/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/orders?status=NoSuchStatus&p=-4")).StatusCode);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task RevokingNeedsAConfirmationThenTheGateDeniesAndTheAuditLogNamesTheAdministrator(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("rev@example.com", "Rev")).Page));
        var entitlement = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        var page = $"/admin/orders/{entitlement.OrderNumber}";
        using var admin = await AdminLogin.ClientAsync(shop.App, "ada@example.com", AdminRoles.Administrator);

        var unconfirmed = await AdminForms.PostAsync(admin, page, page + "?handler=Revoke", ("entitlement", entitlement.Id.ToString()));
        Assert.Contains("confirm-revoke=" + entitlement.Id, unconfirmed.Headers.Location!.ToString());
        Assert.Contains("This cannot be undone", await admin.GetStringAsync(unconfirmed.Headers.Location));
        Assert.Equal(EntitlementStatus.Active, (await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync())).Status);

        var after = await AdminForms.PostAndFollowAsync(admin, page, page + "?handler=Revoke",
            ("entitlement", entitlement.Id.ToString()), ("confirmed", "true"));

        Assert.Contains("is revoked", after);
        var revoked = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        Assert.Equal((EntitlementStatus.Revoked, "revoked by admin"), (revoked.Status, revoked.RevokedReason));
        using var buyer = shop.App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync(link)).StatusCode);
        var entry = await shop.App.WithDbAsync(d => d.Set<AuditEntry>().SingleAsync(e => e.Action == "entitlement.revoked"));
        Assert.Equal(("ada@example.com", $"order {entitlement.OrderNumber}"), (entry.UserName, entry.Target));
        Assert.Contains("ada@example.com", await admin.GetStringAsync("/admin/audit"));
        shop.App.Logs.AssertNoErrors();
    }

    /// <summary>
    /// Sixty orders, every other one paid, are listed twenty-five to a page, newest first: a later page shows its own orders, and
    /// the search and status chosen stay on every page.
    /// </summary>
    [Fact]
    public async Task TheOrderListPagesWithItsSearchAndStatusKept()
    {
        await using var app = await StorefrontApp.StartAsync();

        await AdminPaging.AssertFilteredPagesAsync(app, "/admin/orders", "q=example.com&status=Paid", (number, at) => new Order
        {
            Number = number, ProductTitle = "Paged Guide", AmountMinor = 1900, Currency = "eur", BuyerEmail = $"buyer-{number}@example.com",
            Status = number % 2 == 0 ? OrderStatus.Paid : OrderStatus.Closed, CreatedAt = at,
        }, Listed);
        app.Logs.AssertNoErrors();
    }

    private static List<long> Listed(string page) => OrderRow().Matches(page).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("<th scope=\"row\"><a href=\"/admin/orders/(\\d+)\">")]
    private static partial Regex OrderRow();
}
