using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

public sealed class PurchaseFlowTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task PayingGrantsALinkThatDeliversACopyStampedWithTheBuyerOnEveryPage(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);

        var purchase = await shop.BuyAsync("priya@example.com", "Priya Sharma");
        var link = Assert.Single(ShopWithStripe.DownloadLinks(purchase.Page));
        using var client = shop.App.CreateHttpClient();
        var response = await client.GetAsync(link);
        var pdf = await response.Content.ReadAsByteArrayAsync();

        Assert.Contains("Your download is ready", purchase.Page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("master.pdf", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var pages = await PdfTools.PageTextsAsync(pdf);
        Assert.Equal(4, pages.Count);
        // The default stamp names the buyer without their email address.
        Assert.All(pages, page => Assert.DoesNotContain("priya@example.com", page));
        Assert.All(pages, page => Assert.Contains("Priya Sharma", page));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ALinkAllowsItsUsesThenSaysItIsUsedUp()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("li@example.com", "李雷")).Page));
        using var client = shop.App.CreateHttpClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
        }

        var denied = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("used up", await denied.Content.ReadAsStringAsync());
        var attempts = await shop.App.WithDbAsync(d => d.Set<DownloadAttempt>().Select(a => a.Outcome).ToListAsync());
        Assert.Equal(["Delivered", "Delivered", "Delivered", "UsedUp"], attempts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ATamperedOrInventedTokenIsDeniedWithoutTouchingAnyEntitlement()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("a@example.com", "A")).Page));
        var token = link[(link.LastIndexOf('/') + 1)..];
        var tampered = link[..(link.LastIndexOf('/') + 1)] + (token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1]);
        using var client = shop.App.CreateHttpClient();

        foreach (var url in new[] { tampered, "/download/not-a-token", "/download/" + new string('x', 400) })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("not valid", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(3, await shop.App.WithDbAsync(d => d.Set<Entitlement>().Select(e => e.UsesLeft).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ADeclinedCardLeavesTheOrderUnpaidAndTheSuccessPageShowsNoLinks(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);

        var declined = await shop.BuyAsync("d@example.com", "D", action: "decline");
        var page = await shop.SuccessPageAsync(declined.SessionId);

        Assert.Null(declined.SuccessUrl);
        Assert.Contains("declined", declined.Page);
        Assert.Empty(ShopWithStripe.DownloadLinks(page));
        Assert.Contains("Payment processing", page);
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ADelayedPaymentShowsProcessingUntilItSettlesThenTheLinkAppears(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);

        var purchase = await shop.BuyAsync("bank@example.com", "Bank Buyer", action: "delayed");
        Assert.Contains("Payment processing", purchase.Page);
        Assert.Contains("http-equiv=\"refresh\"", purchase.Page);
        Assert.Empty(ShopWithStripe.DownloadLinks(purchase.Page));
        Assert.Equal(OrderStatus.AwaitingPayment, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));

        await shop.StripeApiAsync($"/v1/test_helpers/checkout/sessions/{purchase.SessionId}/settle", ("outcome", "succeeded"));
        await shop.WaitForDeliveryAsync("checkout.session.async_payment_succeeded");

        var page = await shop.SuccessPageAsync(purchase.SessionId);
        Assert.Single(ShopWithStripe.DownloadLinks(page));
        Assert.Equal(OrderStatus.Paid, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
    }

    [Fact]
    public async Task AFailedDelayedPaymentClosesTheOrder()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        var purchase = await shop.BuyAsync("bank@example.com", "Bank Buyer", action: "delayed");

        await shop.StripeApiAsync($"/v1/test_helpers/checkout/sessions/{purchase.SessionId}/settle", ("outcome", "failed"));
        await shop.WaitForDeliveryAsync("checkout.session.async_payment_failed");

        var page = await shop.SuccessPageAsync(purchase.SessionId);
        Assert.Contains("Checkout not completed", page);
        Assert.Empty(ShopWithStripe.DownloadLinks(page));
        Assert.Equal(OrderStatus.Closed, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
    }

    [Theory]
    [InlineData(Db.Sqlite, "cs_test_invented_by_a_visitor")]
    [InlineData(Db.Postgres, "cs_test_invented_by_a_visitor")]
    [InlineData(Db.Sqlite, "")]
    [InlineData(Db.Sqlite, "<script>alert(1)</script>")]
    public async Task TheSuccessPageShowsNoLinksForAnInventedSession(Db db, string sessionId)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        await shop.BuyAsync("real@example.com", "Real Buyer");

        var page = await shop.SuccessPageAsync(sessionId);

        Assert.Contains("Payment not found", page);
        Assert.Empty(ShopWithStripe.DownloadLinks(page));
        Assert.DoesNotContain("<script>alert(1)</script>", page);
    }

    [Fact]
    public async Task TheSuccessPageAsksStripeWhenTheWebhookHasNotArrived()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        shop.Stripe.Options.WebhookUrl = null; // the webhook is late

        var purchase = await shop.BuyAsync("early@example.com", "Early Bird");

        Assert.Contains("Your download is ready", purchase.Page);
        Assert.Single(ShopWithStripe.DownloadLinks(purchase.Page));
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ARefundRevokesTheDownload(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("refund@example.com", "R")).Page));
        using var client = shop.App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
        var intent = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.PaymentIntentId).SingleAsync());

        await shop.StripeApiAsync("/v1/refunds", ("payment_intent", intent!));
        await shop.WaitForDeliveryAsync("charge.refunded");

        var denied = await client.GetAsync(link);
        shop.App.Logs.AssertNoErrors();
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("no longer available", await denied.Content.ReadAsStringAsync());
        Assert.Equal(OrderStatus.Refunded, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
        Assert.Equal(EntitlementStatus.Revoked, await shop.App.WithDbAsync(d => d.Set<Entitlement>().Select(e => e.Status).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ADisputeStopsTheDownload(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("dispute@example.com", "D")).Page));
        var intent = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.PaymentIntentId).SingleAsync());

        await shop.StripeApiAsync("/v1/test_helpers/disputes", ("payment_intent", intent!));
        await shop.WaitForDeliveryAsync("charge.dispute.created");

        using var client = shop.App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(link)).StatusCode);
        Assert.Equal(OrderStatus.Disputed, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
    }

    [Fact]
    public async Task StripeBeingDownGivesTheBuyerAClearMessageNotAnError()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.Stripe.DisposeAsync();

        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        var product = await client.GetStringAsync(new Uri(shop.App.BaseAddress, "/products/field-guide"));
        var token = System.Text.RegularExpressions.Regex.Match(product, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync(new Uri(shop.App.BaseAddress, "/checkout/field-guide"),
            new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Payment is unavailable right now", await response.Content.ReadAsStringAsync());
        Assert.Equal(OrderStatus.Closed, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
    }

    /// <summary>What a browser says of a form another site made it send: refused with a page that says so, and no order.</summary>
    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://elsewhere.example")]
    [InlineData("Origin", "null")]
    public async Task CheckoutPostedFromAnotherSiteIsRefusedAndNoOrderIsMade(string header, string value)
    {
        await using var shop = await ShopWithStripe.StartAsync();
        using var client = shop.App.CreateHttpClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/checkout/field-guide") { Content = new FormUrlEncodedContent([]) };
        request.Headers.TryAddWithoutValidation(header, value);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("nothing was charged", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<Order>().CountAsync()));
        Assert.Contains(shop.App.Logs.Warnings, w => w.Contains("Refused a cross-site form post to /checkout/field-guide", StringComparison.Ordinal));
        shop.App.Logs.AssertNoErrors();
    }

    /// <summary>The same form from the shop's own page, as browsers old and new describe it, goes on to Stripe.</summary>
    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Origin", "")]
    public async Task CheckoutPostedFromTheShopsOwnPageGoesToStripe(string header, string value)
    {
        await using var shop = await ShopWithStripe.StartAsync();
        using var client = shop.App.CreateHttpClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/checkout/field-guide") { Content = new FormUrlEncodedContent([]) };
        request.Headers.TryAddWithoutValidation(header, value.Length > 0 ? value : shop.App.BaseAddress.GetLeftPart(UriPartial.Authority));
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith(shop.Stripe.BaseUrl.GetLeftPart(UriPartial.Authority), response.Headers.Location!.ToString());
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<Order>().CountAsync()));
        shop.App.Logs.AssertNoErrors();
    }
}
