using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Security;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.CreditNotes;
using Storefront.Payments.Orders;
using Storefront.Payments.Refunds;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Users;

namespace Storefront.Tests.Payments;

/// <summary>Refunds from the order's admin page, through Stripe: in parts, at once, twice by accident, and refused.</summary>
public sealed class AdminRefundTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task APartialRefundKeepsTheDownloadAndTheRestRevokesIt(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("part@example.com", "Zoë Part")).Page));
        var number = await RefundForm.OrderNumberAsync(shop);
        using var admin = await AdminLogin.ClientAsync(shop.App, "ada@example.com", AdminRoles.Administrator);
        Assert.Contains("value=\"29.00\"", (await RefundForm.OpenAsync(admin, number)).Page);

        var partial = await RefundForm.RefundAsync(admin, number, "10.00", note: "Late delivery, goodwill");

        Assert.Equal("Refunded $10.00. $19.00 is left to refund. The downloads still work.", RefundForm.Flash(partial));
        Assert.Contains("Left to refund: <strong>$19.00</strong>", partial);
        Assert.Contains("Late delivery, goodwill", partial);
        Assert.Contains("ada@example.com", partial);
        Assert.Equal((EntitlementStatus.Active, OrderStatus.Paid), await StatesAsync(shop));
        using var buyer = shop.App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync(link)).StatusCode);
        // The dashboard's revenue is what the shop kept: the partial refund is taken off at once.
        Assert.Equal("$19.00", await RevenueAsync(admin));

        var rest = await RefundForm.RefundAsync(admin, number, "19.00", reason: "duplicate");

        Assert.Equal("Refunded $19.00. The order is refunded in full and its downloads are revoked.", RefundForm.Flash(rest));
        Assert.Contains("Left to refund: <strong>$0.00</strong>", rest);
        Assert.DoesNotContain("name=\"attempt\"", rest);
        Assert.Equal((EntitlementStatus.Revoked, OrderStatus.Refunded), await StatesAsync(shop));
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync(link)).StatusCode);
        Assert.Equal("$0.00", await RevenueAsync(admin));
        await shop.WaitForDeliveryAsync("refund.created");
        await shop.WaitForOutboxDrainedAsync();
        var refunds = await shop.App.WithDbAsync(d => d.Set<OrderRefund>().OrderBy(r => r.AmountMinor).ToListAsync());
        Assert.Equal([(1000L, "requested_by_customer", "ada@example.com"), (1900L, "duplicate", "ada@example.com")],
            refunds.Select(r => (r.AmountMinor, r.Reason!, r.RefundedBy)));
        Assert.All(refunds, r => Assert.Equal(RefundStatuses.Succeeded, r.Status));
        Assert.Equal([1L, 2L], await shop.App.WithDbAsync(d => d.Set<CreditNote>().OrderBy(c => c.Number).Select(c => c.Number).ToListAsync()));
        var emails = RefundForm.RefundEmails(shop);
        Assert.Equal(2, emails.Count);
        Assert.Contains(emails, e => e.Contains("We refunded $10.00 of the $29.00 you paid") && e.Contains("still yours to download"));
        Assert.Contains(emails, e => e.Contains("We refunded $19.00") && e.Contains("refunded in full") && e.Contains("no longer available"));
        Assert.All(emails, e => Assert.Contains("Field Guides", e));
        var audited = await shop.App.WithDbAsync(d => d.Set<AuditEntry>().Where(e => e.Action.StartsWith("refund.")).Select(e => e.Action + " by " + e.UserName).ToListAsync());
        Assert.Equal(["refund.issued by ada@example.com", "refund.issued by ada@example.com"], audited);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ADoubleSubmitOfTheSameFormRefundsOnce(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        await shop.BuyAsync("twice@example.com", "Twice");
        var number = await RefundForm.OrderNumberAsync(shop);
        using var admin = await AdminSession.SignInAsync(shop.App);
        var form = await RefundForm.OpenAsync(admin, number);

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RefundForm.PostAsync(admin, number, form, "5.00")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        await shop.WaitForDeliveryAsync("charge.refunded");
        await shop.WaitForOutboxDrainedAsync();
        Assert.Single(shop.Stripe.State.Events, e => e.Type == "refund.created");
        Assert.Equal(500L, Assert.Single(await shop.App.WithDbAsync(d => d.Set<OrderRefund>().ToListAsync())).AmountMinor);
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<CreditNote>().CountAsync()));
        Assert.Equal(1, await RefundForm.RefundMessagesQueuedAsync(shop));
        Assert.Single(RefundForm.RefundEmails(shop));
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(e => e.Action == "refund.issued")));
        Assert.Contains("Left to refund: <strong>$24.00</strong>", await admin.GetStringAsync($"/admin/orders/{number}"));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task BadAmountsAndStripeRefusalsComeBackAsMessagesAndRecordNothing()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("refused@example.com", "Refused");
        var number = await RefundForm.OrderNumberAsync(shop);
        var intent = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.PaymentIntentId!).SingleAsync());
        using var admin = await AdminSession.SignInAsync(shop.App);

        Assert.Equal("The amount must be more than zero.", RefundForm.Flash(await RefundForm.RefundAsync(admin, number, "0.00")));
        Assert.Contains("at most 2 decimals", RefundForm.Flash(await RefundForm.RefundAsync(admin, number, "1.005")));
        Assert.Contains("at most 2 decimals", RefundForm.Flash(await RefundForm.RefundAsync(admin, number, "ten")));
        Assert.Equal("At most $29.00 is left to refund on this order.", RefundForm.Flash(await RefundForm.RefundAsync(admin, number, "29.01")));
        Assert.Contains("Choose a reason", RefundForm.Flash(await RefundForm.RefundAsync(admin, number, "1.00", reason: "because")));

        // Refunds made in Stripe's dashboard that the shop has not heard of yet: Stripe is the one to refuse.
        shop.Stripe.Options.WebhookUrl = null;
        await shop.StripeApiAsync("/v1/test_helpers/refunds", ("payment_intent", intent), ("amount", "2000"));
        var tooLarge = RefundForm.Flash(await RefundForm.RefundAsync(admin, number, "15.00"));
        await shop.StripeApiAsync("/v1/test_helpers/refunds", ("payment_intent", intent));
        var already = RefundForm.Flash(await RefundForm.RefundAsync(admin, number, "5.00"));

        Assert.StartsWith("Stripe refused: the amount is more than is left to refund", tooLarge);
        Assert.StartsWith("Stripe refused: this payment is already refunded in full", already);
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<OrderRefund>().CountAsync()));
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<CreditNote>().CountAsync()));
        Assert.Equal(0, await RefundForm.RefundMessagesQueuedAsync(shop));
        Assert.Equal(2, await shop.App.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(e => e.Action == "refund.refused")));
        Assert.Equal((EntitlementStatus.Active, OrderStatus.Paid), await StatesAsync(shop));
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task APartialRefundWithAlsoRevokeWithdrawsTheDownloadButLeavesTheRestRefundable(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("revoke@example.com", "Rev")).Page));
        var number = await RefundForm.OrderNumberAsync(shop);
        using var admin = await AdminSession.SignInAsync(shop.App);

        var page = await RefundForm.RefundAsync(admin, number, "4.50", reason: "fraudulent", alsoRevoke: true);

        Assert.Equal("Refunded $4.50. $24.50 is left to refund. The downloads are revoked.", RefundForm.Flash(page));
        Assert.Equal((EntitlementStatus.Revoked, OrderStatus.Paid), await StatesAsync(shop));
        using var buyer = shop.App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync(link)).StatusCode);
        await shop.WaitForOutboxDrainedAsync();
        Assert.Contains("no longer available", Assert.Single(RefundForm.RefundEmails(shop)));
        Assert.Contains("name=\"attempt\"", await admin.GetStringAsync($"/admin/orders/{number}"));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AnEditorWhoMayManageOrdersButNotRefundSeesNoFormAndIsRefusedARefund()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("perm@example.com", "Perm");
        var number = await RefundForm.OrderNumberAsync(shop);
        using var administrator = await AdminSession.SignInAsync(shop.App);
        var form = await RefundForm.OpenAsync(administrator, number);
        var roles = await administrator.GetStringAsync("/admin/roles/Editor");
        Assert.Contains("value=\"RefundOrders\"", roles);
        var stamp = System.Text.RegularExpressions.Regex.Match(roles, "name=\"stamp\" value=\"([^\"]*)\"").Groups[1].Value;
        await AdminForms.PostAndFollowAsync(administrator, "/admin/roles/Editor", "/admin/roles/Editor", ("stamp", stamp),
            ("permissions", "ManageContent"), ("permissions", "ManageMedia"), ("permissions", "ViewOrders"), ("permissions", "ManageOrders"));
        using var editor = await AdminSession.SignInAsync(shop.App, AdminRoles.Editor);

        var page = await editor.GetStringAsync($"/admin/orders/{number}");
        var token = await AdminSession.AntiforgeryTokenAsync(editor, $"/admin/orders/{number}");
        var refused = await RefundForm.PostAsync(editor, number, form with { Token = token }, "1.00");

        Assert.Contains("Re-send the receipt", page);
        Assert.DoesNotContain("name=\"attempt\"", page);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/admin/account/denied", refused.Headers.Location!.PathAndQuery());
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<OrderRefund>().CountAsync()));
        Assert.DoesNotContain(shop.Stripe.State.Events, e => e.Type == "refund.created");
    }

    private static Task<(EntitlementStatus, OrderStatus)> StatesAsync(ShopWithStripe shop) => shop.App.WithDbAsync(async d =>
        (await d.Set<Entitlement>().Select(e => e.Status).SingleAsync(), await d.Set<Order>().Select(o => o.Status).SingleAsync()));

    private static async Task<string> RevenueAsync(HttpClient admin)
    {
        var dashboard = await admin.GetStringAsync("/admin");
        var figure = dashboard[dashboard.IndexOf("data-figure=\"revenue\"", StringComparison.Ordinal)..];
        var match = System.Text.RegularExpressions.Regex.Match(figure, "<dd data-currency=\"usd\">([^<]*)</dd>", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        Assert.True(match.Success, "the dashboard shows the revenue in dollars");
        return match.Groups[1].Value;
    }
}
