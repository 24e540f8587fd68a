using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// A dispute pauses the buyer's downloads, a won one gives them back exactly as they were, a lost one ends them; every
/// event is delivered signed, then replayed under its own id and again under a new one, and neither replay changes a thing.
/// </summary>
public sealed class DisputeLifecycleTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ADisputeSuspendsAWinReinstatesAsItWasAndALaterLossRevokes(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("dispute@example.com", "Dee")).Page));
        using var client = shop.App.CreateHttpClient();
        await DownloadAsync(shop, client, link);
        var intent = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.PaymentIntentId!).SingleAsync());
        var before = await EntitlementAsync(shop);
        Assert.Equal((2, EntitlementStatus.Active), (before.UsesLeft, before.Status));

        await DeliverAndReplayAsync(shop, DisputeEvent("charge.dispute.created", "dp_first", intent, "needs_response"), "suspended");

        var denied = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("under review", await denied.Content.ReadAsStringAsync());
        var suspended = await EntitlementAsync(shop);
        Assert.Equal((before.UsesLeft, before.ExpiresAt, before.Status), (suspended.UsesLeft, suspended.ExpiresAt, suspended.Status));
        Assert.NotNull(suspended.SuspendedAt);
        Assert.Equal(OrderStatus.Disputed, await OrderStatusAsync(shop));

        await DeliverAndReplayAsync(shop, DisputeEvent("charge.dispute.closed", "dp_first", intent, "won"), "reinstated");

        var reinstated = await EntitlementAsync(shop);
        Assert.Equal((before.UsesLeft, before.ExpiresAt, before.Status, (DateTime?)null),
            (reinstated.UsesLeft, reinstated.ExpiresAt, reinstated.Status, reinstated.SuspendedAt));
        Assert.Equal(OrderStatus.Paid, await OrderStatusAsync(shop));
        await DownloadAsync(shop, client, link);
        Assert.Equal(before.UsesLeft - 1, (await EntitlementAsync(shop)).UsesLeft);

        await DeliverAndReplayAsync(shop, DisputeEvent("charge.dispute.created", "dp_second", intent, "needs_response"), "suspended");
        Assert.Contains("under review", await (await client.GetAsync(link)).Content.ReadAsStringAsync());
        await DeliverAndReplayAsync(shop, DisputeEvent("charge.dispute.closed", "dp_second", intent, "lost"), "revoked");

        var revoked = await EntitlementAsync(shop);
        Assert.Equal((EntitlementStatus.Revoked, "dispute lost"), (revoked.Status, revoked.RevokedReason));
        var gone = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Forbidden, gone.StatusCode);
        Assert.Contains("no longer available", await gone.Content.ReadAsStringAsync());

        // The first dispute's win, sent again after the loss, must not bring the revoked download back.
        await DeliverAndReplayAsync(shop, DisputeEvent("charge.dispute.closed", "dp_first", intent, "won"), "already closed");
        Assert.Equal(EntitlementStatus.Revoked, (await EntitlementAsync(shop)).Status);
        Assert.Empty(shop.App.Logs.Errors);
    }

    [Fact]
    public async Task AWonDisputeOnARefundedOrderLeavesItRefundedAndRevoked()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("refunded@example.com", "Ray");
        var intent = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.PaymentIntentId!).SingleAsync());
        await shop.StripeApiAsync("/v1/refunds", ("payment_intent", intent));
        await shop.WaitForDeliveryAsync("charge.refunded");

        await DeliverAndReplayAsync(shop, DisputeEvent("charge.dispute.created", "dp_late", intent, "needs_response"), "suspended");
        await DeliverAndReplayAsync(shop, DisputeEvent("charge.dispute.closed", "dp_late", intent, "won"), "reinstated");

        Assert.Equal(OrderStatus.Refunded, await OrderStatusAsync(shop));
        var entitlement = await EntitlementAsync(shop);
        Assert.Equal((EntitlementStatus.Revoked, "refunded"), (entitlement.Status, entitlement.RevokedReason));
    }

    [Fact]
    public async Task TheOrderPageShowsTheDisputeTimelineWithItsTimes()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("timeline@example.com", "Tim");
        var (intent, number) = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => new Tuple<string, long>(o.PaymentIntentId!, o.Number)).SingleAsync());
        await DeliverAndReplayAsync(shop, DisputeEvent("charge.dispute.created", "dp_won", intent, "needs_response"), "suspended");
        await DeliverAndReplayAsync(shop, DisputeEvent("charge.dispute.closed", "dp_won", intent, "won"), "reinstated");
        await DeliverAndReplayAsync(shop, DisputeEvent("charge.dispute.created", "dp_lost", intent, "needs_response"), "suspended");
        await DeliverAndReplayAsync(shop, DisputeEvent("charge.dispute.closed", "dp_lost", intent, "lost"), "revoked");

        using var admin = await AdminSession.SignInAsync(shop.App);
        var page = await admin.GetStringAsync($"/admin/orders/{number}");

        var disputes = await shop.App.WithDbAsync(d => d.Set<OrderDispute>().OrderBy(x => x.OpenedAt).ToListAsync());
        Assert.Equal(["dp_won", "dp_lost"], disputes.Select(x => x.Id));
        foreach (var dispute in disputes)
        {
            Assert.Contains($"{dispute.OpenedAt:yyyy-MM-dd HH:mm:ss} UTC — dispute opened", page);
            Assert.Contains($"{dispute.ClosedAt:yyyy-MM-dd HH:mm:ss} UTC — dispute closed, {dispute.Outcome}", page);
        }
        Assert.True(page.IndexOf("dispute closed, won", StringComparison.Ordinal) < page.IndexOf("dispute closed, lost", StringComparison.Ordinal));
        Assert.Empty(shop.App.Logs.Errors);
    }

    /// <summary>Stripe's own dispute event, pointed at our payment and given the id, type and status the step needs.</summary>
    internal static JsonNode DisputeEvent(string type, string disputeId, string paymentIntent, string status)
    {
        var stripeEvent = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Shared, "fixtures", "stripe", "charge.dispute.created.json")))!;
        stripeEvent["id"] = "evt_" + Guid.NewGuid().ToString("N");
        stripeEvent["type"] = type;
        var dispute = stripeEvent["data"]!["object"]!;
        dispute["id"] = disputeId;
        dispute["payment_intent"] = paymentIntent;
        dispute["amount"] = 2900;
        dispute["status"] = status;
        return stripeEvent;
    }

    /// <summary>
    /// A whole copy; the gate settles its use just after the last byte, so wait for that before the state is compared.
    /// </summary>
    private static async Task DownloadAsync(ShopWithStripe shop, HttpClient client, string link)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
        await Eventually.HoldsAsync(async () => (await EntitlementAsync(shop)).StreamsOpen == 0, "The copy's use being settled", seconds: 10);
    }

    private static async Task DeliverAndReplayAsync(ShopWithStripe shop, JsonNode stripeEvent, string outcome)
    {
        Assert.Contains(outcome, await DeliverAsync(shop, stripeEvent.ToJsonString()));
        var after = await StateAsync(shop);

        Assert.Contains("duplicate", await DeliverAsync(shop, stripeEvent.ToJsonString()));
        stripeEvent["id"] = "evt_" + Guid.NewGuid().ToString("N");
        await DeliverAsync(shop, stripeEvent.ToJsonString());

        Assert.Equal(after, await StateAsync(shop));
    }

    private static async Task<string> DeliverAsync(ShopWithStripe shop, string json)
    {
        var response = await shop.DeliverAsync(json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    /// <summary>Everything a dispute event may touch, as one comparable string.</summary>
    private static Task<string> StateAsync(ShopWithStripe shop) => shop.App.WithDbAsync(async d => JsonSerializer.Serialize(new
    {
        Orders = await d.Set<Order>().AsNoTracking().OrderBy(o => o.Number).ToListAsync(),
        Entitlements = await d.Set<Entitlement>().AsNoTracking().OrderBy(e => e.CreatedAt).ToListAsync(),
        Disputes = await d.Set<OrderDispute>().AsNoTracking().OrderBy(x => x.OpenedAt).ToListAsync(),
    }));

    private static Task<Entitlement> EntitlementAsync(ShopWithStripe shop) =>
        shop.App.WithDbAsync(d => d.Set<Entitlement>().AsNoTracking().SingleAsync());

    private static Task<OrderStatus> OrderStatusAsync(ShopWithStripe shop) =>
        shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync());
}
