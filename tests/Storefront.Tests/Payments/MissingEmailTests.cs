using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Outbox;
using Storefront.Core.Security;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Orders;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// A signed, paid <c>checkout.session.completed</c> without <c>customer_details.email</c>: the buyer paid, so the
/// order is fulfilled with what Stripe has, and Stripe always gets its 2xx rather than retrying a 500 for days.
/// </summary>
public sealed class MissingEmailTests
{
    [Fact]
    public async Task APaidSessionWithoutAnEmailIsFulfilledWithTheEmailOfItsStripeCustomer()
    {
        await using var stripe = await FakeStripeApi.StartAsync();
        await using var shop = await stripe.StartShopAsync();
        var order = await FakeStripeApi.PendingOrderAsync(shop);
        stripe.CustomerEmail = "customer.record@example.com";

        var response = await DeliverPaidWithoutEmailAsync(shop, order);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paid = await shop.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal((OrderStatus.Paid, "customer.record@example.com"), (paid.Status, paid.BuyerEmail));
        Assert.Null(paid.NeedsAttention);
        Assert.Equal("customer.record@example.com", await shop.WithDbAsync(d => d.Set<Entitlement>().Select(e => e.BuyerEmail).SingleAsync()));
        Assert.Equal(1, await shop.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Type == "payments.receipt")));
        Assert.Contains(stripe.Requests, r => r.StartsWith($"GET /v1/checkout/sessions/{order.CheckoutSessionId}?", StringComparison.Ordinal) && r.Contains("customer"));
        shop.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WithNoEmailAnywhereTheOrderIsFulfilledWithoutAReceiptFlaggedInTheAdminAndRetriesChangeNothing(bool stripeFailing)
    {
        await using var stripe = await FakeStripeApi.StartAsync();
        await using var shop = await stripe.StartShopAsync(new Dictionary<string, string?> { ["Stripe:MaxNetworkRetries"] = "0" });
        var order = await FakeStripeApi.PendingOrderAsync(shop);
        stripe.FailWith = stripeFailing ? 500 : null;

        var first = await DeliverPaidWithoutEmailAsync(shop, order, "evt_no_email_first");
        var replay = await DeliverPaidWithoutEmailAsync(shop, order, "evt_no_email_first");
        var redelivery = await DeliverPaidWithoutEmailAsync(shop, order, "evt_no_email_second");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, replay.StatusCode, redelivery.StatusCode));
        Assert.Contains("\"fulfilled\"", await first.Content.ReadAsStringAsync());
        Assert.Contains("duplicate", await replay.Content.ReadAsStringAsync());
        Assert.Contains("already fulfilled", await redelivery.Content.ReadAsStringAsync());
        var paid = await shop.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal((OrderStatus.Paid, null, "no email"), (paid.Status, paid.BuyerEmail, paid.NeedsAttention));
        Assert.Equal(1, await shop.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));
        Assert.Equal(0, await shop.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Type == "payments.receipt")));
        Assert.Single(stripe.Requests, r => r.StartsWith("GET /v1/checkout/sessions/", StringComparison.Ordinal));

        stripe.FailWith = null;
        using var buyer = shop.CreateHttpClient();
        var page = await buyer.GetStringAsync($"/checkout/success?session_id={order.CheckoutSessionId}");
        Assert.Contains("no email address", page);
        var download = await buyer.GetAsync(Assert.Single(ShopWithStripe.DownloadLinks(page)));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.All(await PdfTools.PageTextsAsync(await download.Content.ReadAsByteArrayAsync()), text => Assert.Contains($"Order {order.Number}", text));

        using var admin = await AdminLogin.ClientAsync(shop, "support@example.com", AdminRoles.Administrator);
        Assert.Contains("needs attention: no email", await admin.GetStringAsync("/admin/orders"));
        Assert.Contains("no receipt was sent", await admin.GetStringAsync($"/admin/orders/{order.Number}"));
        shop.Logs.AssertNoErrors();
        Assert.Contains(shop.Logs.Warnings, w => w.Contains($"Order {order.Number} needs attention: no email", StringComparison.Ordinal));
    }

    /// <summary>Stripe's own event shape, paid, naming our order, with every email field empty.</summary>
    private static async Task<HttpResponseMessage> DeliverPaidWithoutEmailAsync(StorefrontApp shop, Order order, string? eventId = null)
    {
        var stripeEvent = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Shared, "fixtures", "stripe", "checkout.session.completed.json")))!;
        stripeEvent["id"] = eventId ?? "evt_" + Guid.NewGuid().ToString("N");
        var session = stripeEvent["data"]!["object"]!;
        session["id"] = order.CheckoutSessionId;
        session["client_reference_id"] = order.Id.ToString();
        session["amount_subtotal"] = order.AmountMinor;
        session["amount_total"] = order.AmountMinor;
        session["currency"] = order.Currency;
        session["customer"] = "cus_fake";
        session["customer_email"] = null;
        session["customer_details"]!["email"] = null;
        session["customer_details"]!["name"] = null;
        var json = stripeEvent.ToJsonString();
        using var client = shop.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", ShopWithStripe.Sign(json));
        return await client.SendAsync(request);
    }
}
