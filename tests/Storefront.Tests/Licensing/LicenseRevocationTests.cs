using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Licensing.Data;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Licensing;

/// <summary>What happens to the money happens to the key: a refund or a lost dispute ends it, an open dispute pauses it.</summary>
public sealed class LicenseRevocationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ARefundRevokesTheKeyAndTheApiSaysSo(Db db)
    {
        await using var shop = await LicensedShop.StartAsync(db);
        var (_, issued) = await shop.BuyAsync();
        Assert.True((await shop.VerifyAsync(issued.Key, "activate", "laptop")).Body.GetProperty("valid").GetBoolean());
        var intent = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.PaymentIntentId).SingleAsync());

        await shop.Shop.StripeApiAsync("/v1/refunds", ("payment_intent", intent!));
        await shop.Shop.WaitForDeliveryAsync("charge.refunded");

        var answer = await shop.VerifyAsync(issued.Key, "check", "laptop");
        Assert.False(answer.Body.GetProperty("valid").GetBoolean());
        Assert.Equal("revoked", answer.Body.GetProperty("status").GetString());
        Assert.False((await shop.VerifyAsync(issued.Key, "activate", "desktop")).Body.GetProperty("valid").GetBoolean());
        var key = await shop.App.WithDbAsync(d => d.Set<LicenseKey>().AsNoTracking().SingleAsync());
        Assert.Equal(("refunded", 1), (key.RevokedReason, key.Activations));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ADisputePausesTheKeyAWonOneGivesItBackAndALostOneEndsIt()
    {
        await using var shop = await LicensedShop.StartAsync();
        var (_, issued) = await shop.BuyAsync();
        var intent = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.PaymentIntentId).SingleAsync());

        await DeliverAsync(shop, Payments.DisputeLifecycleTests.DisputeEvent("charge.dispute.created", "dp_won", intent!, "needs_response"));
        var paused = await shop.VerifyAsync(issued.Key, "activate", "laptop");
        await DeliverAsync(shop, Payments.DisputeLifecycleTests.DisputeEvent("charge.dispute.closed", "dp_won", intent!, "won"));
        var back = await shop.VerifyAsync(issued.Key, "activate", "laptop");
        await DeliverAsync(shop, Payments.DisputeLifecycleTests.DisputeEvent("charge.dispute.created", "dp_lost", intent!, "needs_response"));
        await DeliverAsync(shop, Payments.DisputeLifecycleTests.DisputeEvent("charge.dispute.closed", "dp_lost", intent!, "lost"));
        var ended = await shop.VerifyAsync(issued.Key, "check", "laptop");

        Assert.Equal((false, "suspended"), (paused.Body.GetProperty("valid").GetBoolean(), paused.Body.GetProperty("status").GetString()));
        Assert.Contains("payment dispute", paused.Body.GetProperty("reason").GetString());
        Assert.Equal((true, "active"), (back.Body.GetProperty("valid").GetBoolean(), back.Body.GetProperty("status").GetString()));
        Assert.Equal((false, "revoked"), (ended.Body.GetProperty("valid").GetBoolean(), ended.Body.GetProperty("status").GetString()));
        Assert.Equal("dispute lost", (await shop.App.WithDbAsync(d => d.Set<LicenseKey>().AsNoTracking().SingleAsync())).RevokedReason);
        shop.App.Logs.AssertNoErrors();
    }

    private static async Task DeliverAsync(LicensedShop shop, JsonNode stripeEvent)
    {
        using var response = await shop.Shop.DeliverAsync(stripeEvent.ToJsonString());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
