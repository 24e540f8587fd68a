using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// Stripe's own event shapes (../shared/fixtures/stripe), pointed at an order of ours: real objects
/// carry far more fields than we read, buyers with non-ASCII or missing names, and delayed payments.
/// </summary>
public sealed class StripeFixtureEventTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task APaidSessionEventFulfilsTheOrderItNames(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var order = await PendingOrderAsync(shop);

        var response = await DeliverFixtureAsync(shop, "checkout.session.completed.json", order);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paid = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal((OrderStatus.Paid, "jenny.rosen@example.com", "Jenny Rosen"), (paid.Status, paid.BuyerEmail, paid.BuyerName));
        Assert.Equal("pi_1PgafyB7WZ01zgkWSjxsAJo3", paid.PaymentIntentId);
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));
    }

    [Fact]
    public async Task ABuyerWithoutANameIsStampedWithTheirEmail()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        var order = await PendingOrderAsync(shop);

        await DeliverFixtureAsync(shop, "checkout.session.completed.json", order, session => session["customer_details"]!["name"] = null);

        var entitlement = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        Assert.Null(entitlement.BuyerName);
        var link = Assert.Single(ShopWithStripe.DownloadLinks(await shop.SuccessPageAsync(order.CheckoutSessionId!)));
        using var client = shop.App.CreateHttpClient();
        var pages = await PdfTools.PageTextsAsync(await client.GetByteArrayAsync(link));
        Assert.All(pages, page => Assert.Contains("jenny.rosen@example.com", page));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnUnpaidCompletionWaitsAndTheAsyncSuccessFulfilsWithTheNonAsciiName(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var order = await PendingOrderAsync(shop);

        await DeliverFixtureAsync(shop, "checkout.session.completed.async-unpaid.json", order);
        Assert.Equal(OrderStatus.AwaitingPayment, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));

        await DeliverFixtureAsync(shop, "checkout.session.async_payment_succeeded.json", order);
        var entitlement = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        Assert.Equal("Zoë Ångström-Núñez", entitlement.BuyerName);
    }

    [Theory]
    [InlineData("checkout.session.async_payment_failed.json")]
    [InlineData("checkout.session.expired.json")]
    public async Task AFailedOrExpiredSessionClosesTheOrderWithoutGranting(string fixture)
    {
        await using var shop = await ShopWithStripe.StartAsync();
        var order = await PendingOrderAsync(shop);

        await DeliverFixtureAsync(shop, fixture, order);

        Assert.Equal(OrderStatus.Closed, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));
    }

    [Fact]
    public async Task ARefundEventRevokesThePaidOrder()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        var order = await PendingOrderAsync(shop);
        await DeliverFixtureAsync(shop, "checkout.session.completed.json", order);

        await DeliverFixtureAsync(shop, "charge.refunded.json", order);

        Assert.Equal(OrderStatus.Refunded, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
        Assert.Equal(EntitlementStatus.Revoked, await shop.App.WithDbAsync(d => d.Set<Entitlement>().Select(e => e.Status).SingleAsync()));
    }

    [Fact]
    public async Task ADisputeEventSuspendsThePaidOrderWithoutRevokingIt()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        var order = await PendingOrderAsync(shop);
        await DeliverFixtureAsync(shop, "checkout.session.completed.json", order);

        await DeliverFixtureAsync(shop, "charge.dispute.created.json", order);

        Assert.Equal(OrderStatus.Disputed, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
        var entitlement = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        Assert.Equal((EntitlementStatus.Active, 3), (entitlement.Status, entitlement.UsesLeft));
        Assert.NotNull(entitlement.SuspendedAt);
        var dispute = await shop.App.WithDbAsync(d => d.Set<OrderDispute>().SingleAsync());
        Assert.Equal(("dp_1Pgc71B7WZ01zgkWMevJiAUx", order.Id, "general", null), (dispute.Id, dispute.OrderId, dispute.Reason, dispute.Outcome));
    }

    [Fact]
    public async Task APaidSessionForADifferentAmountIsNotFulfilled()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        var order = await PendingOrderAsync(shop);

        await DeliverFixtureAsync(shop, "checkout.session.completed.json", order, session => session["amount_total"] = 1);

        Assert.Equal(OrderStatus.Pending, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));
    }

    [Fact]
    public async Task EventTypesTheShopDoesNotUseAreAcknowledged()
    {
        await using var shop = await ShopWithStripe.StartAsync();

        var response = await shop.DeliverAsync(File.ReadAllText(Fixture("payment_intent.payment_failed.json")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ignored", await response.Content.ReadAsStringAsync());
    }

    /// <summary>An order at checkout: the session exists at the emulator, the buyer has not paid.</summary>
    private static async Task<Order> PendingOrderAsync(ShopWithStripe shop)
    {
        shop.Stripe.Options.WebhookUrl = null;
        await shop.BuyAsync("x@example.com", "X", action: "decline");
        return await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
    }

    private static async Task<HttpResponseMessage> DeliverFixtureAsync(ShopWithStripe shop, string fixture, Order order, Action<JsonNode>? change = null)
    {
        var stripeEvent = JsonNode.Parse(File.ReadAllText(Fixture(fixture)))!;
        stripeEvent["id"] = "evt_" + Guid.NewGuid().ToString("N");
        var item = stripeEvent["data"]!["object"]!;
        if (item["object"]!.GetValue<string>() == "checkout.session")
        {
            item["id"] = order.CheckoutSessionId;
            item["client_reference_id"] = order.Id.ToString();
            item["amount_subtotal"] = order.AmountMinor;
            item["amount_total"] = order.AmountMinor;
            item["currency"] = order.Currency;
            change?.Invoke(item);
        }

        var response = await shop.DeliverAsync(stripeEvent.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static string Fixture(string name) => Path.Combine(RepoPaths.Shared, "fixtures", "stripe", name);
}
