using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Outbox;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Disputes;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// A dispute opened and decided through the Stripe emulator, every event redelivered concurrently: the buyer and the shop's
/// support address hear of each step once, through the outbox, even when a later life of the shop sends what an earlier
/// one queued; the money the dispute moved is on the order's timeline once each way.
/// </summary>
public sealed class DisputeNoticeTests(MailDevServer mail) : IClassFixture<MailDevServer>
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AWonDisputeTellsBuyerAndSupportOnceEachAndShowsTheFundsOnceEachWay(Db db)
    {
        // This life of the shop queues but never sends, as if it died after each commit.
        await using var shop = await ShopWithStripe.StartAsync(db, mail, new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("dee@example.com", "Dee Buyer")).Page));
        using (var client = shop.App.CreateHttpClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
        }

        await Eventually.HoldsAsync(async () => (await EntitlementAsync(shop.App)).StreamsOpen == 0, "The copy's use being settled", seconds: 10);
        var before = await EntitlementAsync(shop.App);
        var (intent, number) = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => new Tuple<string, long>(o.PaymentIntentId!, o.Number)).SingleAsync());

        var disputeId = await OpenDisputeAsync(shop, intent);
        await RedeliverAllAsync(shop, "charge.dispute.created", "charge.dispute.funds_withdrawn");
        Assert.NotNull((await EntitlementAsync(shop.App)).SuspendedAt);
        await shop.StripeApiAsync($"/v1/test_helpers/disputes/{disputeId}/close", ("outcome", "won"));
        await RedeliverAllAsync(shop, "charge.dispute.closed", "charge.dispute.funds_reinstated");

        var dispute = await shop.App.WithDbAsync(d => d.Set<OrderDispute>().SingleAsync());
        Assert.Equal((2900L, 1500L, 2900L, "usd"), (dispute.FundsWithdrawnMinor, dispute.FundsWithdrawnFeeMinor, dispute.FundsReinstatedMinor, dispute.FundsCurrency));
        var reinstated = await EntitlementAsync(shop.App);
        Assert.Equal((before.UsesLeft, before.ExpiresAt, EntitlementStatus.Active), (reinstated.UsesLeft, reinstated.ExpiresAt, reinstated.Status));
        var queued = await shop.App.WithDbAsync(d => d.Set<OutboxMessage>().Where(m => m.Type == DisputeEmailHandler.MessageType)
            .Select(m => m.DeduplicationKey).OrderBy(k => k).ToListAsync());
        Assert.Equal(new[] { DisputeNotices.BuyerReinstated, DisputeNotices.BuyerSuspended, DisputeNotices.SupportClosed, DisputeNotices.SupportOpened }
            .Select(n => $"{disputeId}:{n}").Order(StringComparer.Ordinal), queued.Order(StringComparer.Ordinal));

        var domain = shop.App.Settings["Email:From"]!.Split('@')[1];
        string Id(string notice) => $"<dispute.{disputeId}.{notice}@{domain}>";
        string[] ids = [Id("suspended"), Id("reinstated"), Id("opened.support"), Id("closed.support")];
        for (var life = 0; life < 2; life++)
        {
            // A later life on the same database sends what is queued; the one after finds nothing left to send.
            var settings = shop.App.Settings.ToDictionary(p => p.Key, p => p.Value);
            settings["Outbox:Enabled"] = "true";
            settings["Site:BaseUrl"] = "https://fieldguides.example/";
            await using var later = await StorefrontApp.StartAsync(db, settings);
            await Eventually.HoldsAsync(async () => !await later.WithDbAsync(d => d.Set<OutboxMessage>().AnyAsync(m => m.ProcessedAt == null && m.FailedAt == null)),
                "The outbox sending everything queued", seconds: 20);
            foreach (var id in ids)
            {
                await mail.WaitForMessageAsync(id);
                Assert.Equal(1, await mail.CountAsync(id));
            }

            later.Logs.AssertNoErrors();
        }

        var suspended = await mail.SourceAsync(await mail.WaitForMessageAsync(Id("suspended")));
        Assert.Contains("dee@example.com", suspended);
        var buyerText = Eml.Text(suspended);
        Assert.Contains("Field Guide is paused", buyerText);
        Assert.Contains("help@example.com", buyerText);
        Assert.Contains("<html", buyerText);
        Assert.Contains("works again", Eml.Text(await mail.SourceAsync(await mail.WaitForMessageAsync(Id("reinstated")))));
        var openedMessage = await mail.WaitForMessageAsync(Id("opened.support"));
        var to = Assert.Single(openedMessage.GetProperty("to").EnumerateArray());
        Assert.Equal(("help@example.com", "Field Guides"), (to.GetProperty("address").GetString(), to.GetProperty("name").GetString()));
        var opened = await mail.SourceAsync(openedMessage);
        var supportText = Eml.Text(opened);
        foreach (var expected in new[] { $"Order: {number}", "Amount: $29.00", "Reason: fraudulent", "Evidence due by: ", $"https://fieldguides.example/admin/orders/{number}", disputeId })
        {
            Assert.Contains(expected, supportText);
        }

        Assert.Contains("closed: won", Eml.Text(await mail.SourceAsync(await mail.WaitForMessageAsync(Id("closed.support")))));

        using var admin = await AdminSession.SignInAsync(shop.App);
        var page = await admin.GetStringAsync($"/admin/orders/{number}");
        Assert.Equal(1, Occurrences(page, "funds withdrawn</strong>: $29.00 and a dispute fee of $15.00."));
        Assert.Equal(1, Occurrences(page, "funds reinstated</strong>: $29.00."));
        Assert.Contains($"{dispute.FundsWithdrawnAt:yyyy-MM-dd HH:mm:ss} UTC — funds withdrawn", page);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ALostDisputeEndsTheDownloadTellsTheBuyerAndWithoutASupportAddressSkipsTheShopsNotice(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, mail, supportEmail: null);
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("lou@example.com", "Lou")).Page));
        var intent = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.PaymentIntentId!).SingleAsync());

        var disputeId = await OpenDisputeAsync(shop, intent);
        await shop.StripeApiAsync($"/v1/test_helpers/disputes/{disputeId}/close", ("outcome", "lost"));
        await RedeliverAllAsync(shop, "charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.closed");
        await shop.WaitForOutboxDrainedAsync();

        var domain = shop.App.Settings["Email:From"]!.Split('@')[1];
        var ended = Eml.Text(await mail.SourceAsync(await mail.WaitForMessageAsync($"<dispute.{disputeId}.ended@{domain}>")));
        Assert.Contains("has ended", ended);
        // With no support address set, the buyer is pointed at the address the shop sends from.
        Assert.Contains(shop.App.Settings["Email:From"]!, ended);
        Assert.Equal(1, await mail.CountAsync($"<dispute.{disputeId}.ended@{domain}>"));
        Assert.Equal(1, await mail.CountAsync($"<dispute.{disputeId}.suspended@{domain}>"));
        Assert.Equal(0, await mail.CountAsync($"<dispute.{disputeId}.opened.support@{domain}>"));
        Assert.Equal(0, await mail.CountAsync($"<dispute.{disputeId}.closed.support@{domain}>"));
        Assert.Equal(2, shop.App.Logs.Lines.Count(l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains($"No support address is set, so nobody was told of dispute {disputeId}")));

        var entitlement = await EntitlementAsync(shop.App);
        Assert.Equal((EntitlementStatus.Revoked, "dispute lost"), (entitlement.Status, entitlement.RevokedReason));
        using var client = shop.App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(link)).StatusCode);
        var dispute = await shop.App.WithDbAsync(d => d.Set<OrderDispute>().SingleAsync());
        Assert.Equal((2900L, (DateTime?)null), (dispute.FundsWithdrawnMinor, dispute.FundsReinstatedAt));
        shop.App.Logs.AssertNoErrors();
    }

    internal static async Task<string> OpenDisputeAsync(ShopWithStripe shop, string intent)
    {
        var opened = await shop.StripeApiAsync("/v1/test_helpers/disputes", ("payment_intent", intent));
        return JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Every event of these types, delivered again five times at once, as Stripe's workers may.</summary>
    private static async Task RedeliverAllAsync(ShopWithStripe shop, params string[] types)
    {
        foreach (var evt in shop.Stripe.State.Events.Where(e => types.Contains(e.Type)))
        {
            await shop.StripeApiAsync($"/v1/test_helpers/events/{evt.Id}/redeliver", ("count", "5"));
        }
    }

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;

    private static Task<Entitlement> EntitlementAsync(StorefrontApp app) => app.WithDbAsync(d => d.Set<Entitlement>().AsNoTracking().SingleAsync());
}
