using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Payments.Checkout;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// What anonymous visitors and a slow or failing Stripe can cost: a settled order never calls Stripe, a pending one
/// shares one answer per few seconds, and every call, retries included, ends within the deadline.
/// </summary>
public sealed class StripeCallBoundsTests
{
    [Fact]
    public async Task FiftySuccessPageLoadsOfAPendingSessionMakeAHandfulOfStripeCalls()
    {
        await using var stripe = await FakeStripeApi.StartAsync();
        await using var shop = await stripe.StartShopAsync();
        var order = await FakeStripeApi.PendingOrderAsync(shop);
        using var visitor = shop.CreateHttpClient();

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 50; i++)
        {
            Assert.Contains("Payment processing", await visitor.GetStringAsync($"/checkout/success?session_id={order.CheckoutSessionId}"));
        }

        Assert.InRange(stripe.SessionReads, 1, CallsAllowedWithin(clock.Elapsed, callsPerPeriod: 1));
    }

    [Fact]
    public async Task WithStripeFailingTheSuccessPageMakesOneFailingCallPerPeriodNotOnePerLoad()
    {
        await using var stripe = await FakeStripeApi.StartAsync();
        await using var shop = await stripe.StartShopAsync();
        var order = await FakeStripeApi.PendingOrderAsync(shop);
        stripe.FailWith = 500;
        using var visitor = shop.CreateHttpClient();

        var clock = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await visitor.GetAsync($"/checkout/success?session_id={order.CheckoutSessionId}")).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        // One call is the first attempt and Stripe.net's two retries.
        Assert.InRange(stripe.SessionReads, 1, CallsAllowedWithin(clock.Elapsed, callsPerPeriod: 3));
        shop.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ASettledOrderIsAnsweredFromTheDatabaseWithoutCallingStripe()
    {
        await using var stripe = await FakeStripeApi.StartAsync();
        await using var shop = await stripe.StartShopAsync();
        var order = await FakeStripeApi.PendingOrderAsync(shop);
        (stripe.SessionStatus, stripe.PaymentStatus, stripe.CustomerEmail) = ("complete", "paid", "paid@example.com");
        using var buyer = shop.CreateHttpClient();
        Assert.Single(ShopWithStripe.DownloadLinks(await buyer.GetStringAsync($"/checkout/success?session_id={order.CheckoutSessionId}")));
        var callsToSettle = stripe.Requests.Count;

        for (var i = 0; i < 20; i++)
        {
            Assert.Single(ShopWithStripe.DownloadLinks(await buyer.GetStringAsync($"/checkout/success?session_id={order.CheckoutSessionId}")));
        }

        Assert.Equal(OrderStatus.Paid, await shop.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
        Assert.Equal(callsToSettle, stripe.Requests.Count);
    }

    [Fact]
    public async Task ASlowStripeGivesTheBuyerAFriendlyAnswerWithinTheDeadlineNotAHang()
    {
        await using var stripe = await FakeStripeApi.StartAsync();
        await using var shop = await stripe.StartShopAsync(new Dictionary<string, string?> { ["Stripe:Deadline"] = "00:00:02" });
        var order = await FakeStripeApi.PendingOrderAsync(shop);
        stripe.Delay = TimeSpan.FromSeconds(30);

        var clock = Stopwatch.StartNew();
        var checkout = await FakeStripeApi.CheckoutAsync(shop);
        var checkoutTook = clock.Elapsed;
        clock.Restart();
        using var buyer = shop.CreateHttpClient();
        var success = await buyer.GetAsync($"/checkout/success?session_id={order.CheckoutSessionId}");
        var successTook = clock.Elapsed;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, checkout.StatusCode);
        Assert.Contains("Payment is unavailable right now", await checkout.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, success.StatusCode);
        Assert.Contains("Payment processing", await success.Content.ReadAsStringAsync());
        // The deadline is 2 s; the margin is for a loaded machine, far below one 30 s attempt.
        Assert.InRange(checkoutTook, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8));
        Assert.InRange(successTook, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8));
        Assert.Contains(shop.Logs.Warnings, w => w.Contains("within 2 s", StringComparison.Ordinal));
        shop.Logs.AssertNoErrors();
    }

    /// <summary>At most one shared call per freshness period that the loads spanned, and one more for the edge.</summary>
    private static int CallsAllowedWithin(TimeSpan elapsed, int callsPerPeriod) =>
        callsPerPeriod * ((int)(elapsed / CheckoutSessionLookup.Fresh) + 2);
}
