using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>The receipt after a real webhook, through the real outbox, to a real SMTP server.</summary>
public sealed class ReceiptDeliveryTests(MailDevServer mail) : IClassFixture<MailDevServer>
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheReceiptLeavesWithinSecondsOfTheWebhookThoughTheOutboxPollsOnlyEveryMinute(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, mail, new Dictionary<string, string?> { ["Outbox:PollInterval"] = "00:01:00" });
        shop.Stripe.Options.WebhookUrl = null; // delivered below, so the clock starts with the webhook
        await shop.BuyAsync("quick@example.com", "Quick Buyer", openSuccessPage: false);
        var completed = shop.LastEvent("checkout.session.completed");

        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await shop.DeliverAsync(completed)).StatusCode);
        var answered = clock.Elapsed;
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        await mail.WaitForMessageAsync(shop.ReceiptMessageId(order.Number));

        // Measured from the webhook's answer, by when the order is committed: the shop's own request time varies
        // with the machine's load, the wait for the outbox is what the one-minute poll would otherwise decide.
        Assert.InRange(clock.Elapsed - answered, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ABuyerNameShapedLikeAnAddressListReachesOnlyTheBuyer()
    {
        const string name = "Evil\" <attacker@evil.example>, \"x";
        await using var shop = await ShopWithStripe.StartAsync(Db.Sqlite, mail);

        await shop.BuyAsync("buyer@example.com", name);
        await shop.WaitForOutboxAsync(1);

        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        var receipt = await mail.WaitForMessageAsync(shop.ReceiptMessageId(order.Number));
        var envelope = receipt.GetProperty("envelope").GetProperty("to").EnumerateArray().Select(r => r.GetProperty("address").GetString());
        var to = Assert.Single(receipt.GetProperty("to").EnumerateArray());
        Assert.Equal(["buyer@example.com"], envelope);
        Assert.Equal(("buyer@example.com", name), (to.GetProperty("address").GetString(), to.GetProperty("name").GetString()));
        Assert.False(receipt.TryGetProperty("cc", out var cc) && cc.GetArrayLength() > 0);
        shop.App.Logs.AssertNoErrors();
    }
}
