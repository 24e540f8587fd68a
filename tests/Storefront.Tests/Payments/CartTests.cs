using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// The cart: several products paid in one Checkout Session with a line each, kept server-side behind a cookie, built from
/// current catalogue data when the buyer pays, and emptied once the webhook fulfilled it.
/// </summary>
public sealed class CartTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ACartOfThreeIsOneSessionWithALinePerProductAndEveryLineIsGrantedListedAndInvoiced(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        await ImportAsync(shop.App, TestRecipe.Product("atlas", "Atlas of Buses", price: 1500), TestRecipe.Product("primer", "Primer", price: 999));
        using var buyer = new CartBuyer(shop.App.BaseAddress);

        foreach (var slug in new[] { "field-guide", "atlas", "primer" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await buyer.AddAsync(slug)).StatusCode);
        }

        await buyer.AddAsync("atlas");
        var cart = await buyer.CartPageAsync();
        Assert.Contains("was already in your cart", cart);
        Assert.Contains("$53.99", cart);
        var checkout = await buyer.CheckoutAsync();
        Assert.Equal(HttpStatusCode.SeeOther, checkout.StatusCode);

        Assert.Equal([("Field Guide", 2900L), ("Atlas of Buses", 1500L), ("Primer", 999L)], await LineItemsAsync(shop, checkout.Headers.Location!));
        var purchase = await buyer.PayAsync(checkout.Headers.Location!, "cart@example.com", "Cart Buyer");

        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal((OrderStatus.Paid, 5399L, "Field Guide, Atlas of Buses and Primer"), (order.Status, order.ChargedMinor, order.ProductTitle));
        var lines = await shop.App.WithDbAsync(d => d.Set<OrderLine>().Where(l => l.OrderId == order.Id).OrderBy(l => l.Position).ToListAsync());
        Assert.Equal([2900L, 1500L, 999L], lines.Select(l => l.AmountTotal ?? -1));
        Assert.Equal(3, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync(e => e.OrderId == order.Id)));
        Assert.Equal(3, ShopWithStripe.DownloadLinks(purchase.Page).Count);
        Assert.All(["Field Guide", "Atlas of Buses", "Primer", "$53.99"], text => Assert.Contains(text, purchase.Page));

        await shop.WaitForOutboxAsync(1);
        var receipt = Eml.Text(await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(shop.App.Folder.File("mail"), "*.eml"))));
        Assert.Contains("- Field Guide: $29.00", receipt);
        Assert.Contains("- Atlas of Buses: $15.00", receipt);
        Assert.Contains("- Primer: $9.99", receipt);
        Assert.Contains("Total: $53.99", receipt);
        var invoice = await InvoiceFiles.TextAsync(await InvoiceFiles.DownloadAsync(shop.App, order.Number), "-layout");
        Assert.Matches(@"Atlas of Buses\s+\$15\.00", invoice);
        Assert.Matches(@"Primer\s+\$9\.99", invoice);
        Assert.Matches(@"Total \(USD\)\s+53\.99 USD", invoice);

        Assert.Contains("Your cart is empty", await buyer.CartPageAsync());
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ARefundThatNamesALineRevokesOnlyWhatThatLineGranted(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        await ImportAsync(shop.App, TestRecipe.Product("atlas", "Atlas of Buses", price: 1500));
        using var buyer = new CartBuyer(shop.App.BaseAddress);
        await buyer.AddAsync("field-guide");
        await buyer.AddAsync("atlas");
        await buyer.PayAsync((await buyer.CheckoutAsync()).Headers.Location!, "two@example.com", "Two Lines");
        var number = await RefundForm.OrderNumberAsync(shop);
        using var admin = await AdminSession.SignInAsync(shop.App);
        var form = await RefundForm.OpenAsync(admin, number);
        Assert.Contains("Atlas of Buses ($15.00)", form.Page);

        var response = await admin.PostAsync($"/admin/orders/{number}?handler=Refund", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("__RequestVerificationToken", form.Token), KeyValuePair.Create("attempt", form.Attempt),
            KeyValuePair.Create("amount", ""), KeyValuePair.Create("reason", "requested_by_customer"), KeyValuePair.Create("lines", "1"),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Refunded $15.00", RefundForm.Flash(await admin.GetStringAsync(response.Headers.Location)));
        var grants = await shop.App.WithDbAsync(d => d.Set<Entitlement>().OrderBy(e => e.CreatedAt).ToListAsync());
        var atlas = await shop.App.WithDbAsync(d => d.Set<OrderLine>().SingleAsync(l => l.Position == 1));
        Assert.NotNull(atlas.RefundedAt);
        Assert.Equal(2, grants.Count);
        Assert.Single(grants, g => g.RevokedAt is not null);
        Assert.Equal(atlas.ProductId, grants.Single(g => g.RevokedAt is not null).ProductId);
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal(OrderStatus.Paid, order.Status);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheCartIsKeptInTheDatabaseSoItSurvivesARestartOfTheShop()
    {
        using var folder = new TempFolder();
        Cookie cookie;
        await using (var first = await ShopWithStripe.StartAsync(folder: folder))
        {
            using var buyer = new CartBuyer(first.App.BaseAddress);
            await buyer.AddAsync("field-guide");
            cookie = buyer.CartCookie!;
            Assert.True(cookie.HttpOnly);
        }

        await using var second = await StorefrontApp.StartAsync(folder: folder);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = second.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cart");
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        using var response = await client.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();
        // Errors first: a failed request's own log line says more than the error page it answered with.
        second.Logs.AssertNoErrors();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"GET /cart answered {(int)response.StatusCode}: {page}");
        Assert.Contains("Field Guide", page);
        Assert.DoesNotContain("Your cart is empty", page);
    }

    [Fact]
    public async Task AProductThatLeftTheShopIsTakenOutAndAChangedPriceIsShownBeforeAnythingIsCharged()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await ImportAsync(shop.App, TestRecipe.Product("atlas", "Atlas of Buses", price: 1500), TestRecipe.Product("primer", "Primer", price: 999));
        using var buyer = new CartBuyer(shop.App.BaseAddress);
        await buyer.AddAsync("field-guide");
        await buyer.AddAsync("atlas");
        await buyer.AddAsync("primer");

        await ImportAsync(shop.App, TestRecipe.Product("atlas", "Atlas of Buses", price: 1500, published: false),
            TestRecipe.Product("primer", "Primer", price: 1299));
        Assert.Contains("no longer for sale", await buyer.CartPageAsync());

        var refused = await buyer.CheckoutAsync();
        Assert.Equal("/cart", refused.Headers.Location!.OriginalString);
        Assert.Contains("“Atlas of Buses” is no longer for sale and was taken out of your cart", await buyer.CartPageAsync());
        var repriced = await buyer.CheckoutAsync();
        Assert.Equal("/cart", repriced.Headers.Location!.OriginalString);
        Assert.Contains("“Primer” is now $12.99", await buyer.CartPageAsync());
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<Order>().CountAsync()));

        var checkout = await buyer.CheckoutAsync();
        Assert.Equal(HttpStatusCode.SeeOther, checkout.StatusCode);
        Assert.Equal([("Field Guide", 2900L), ("Primer", 1299L)], await LineItemsAsync(shop, checkout.Headers.Location!));
        shop.App.Logs.AssertNoErrors();
    }

    /// <summary>One payment takes one currency, so a cart never adds prices in two of them into a made-up total.</summary>
    [Fact]
    public async Task AProductInAnotherCurrencyStaysOutOfTheCartAndACartRepricedIntoTwoShowsNoTotal()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await ImportAsync(shop.App, TestRecipe.Product("atlas", "Atlas of Buses", price: 500, currency: "jpy"), TestRecipe.Product("primer", "Primer", price: 999));
        using var buyer = new CartBuyer(shop.App.BaseAddress);
        await buyer.AddAsync("field-guide");
        await buyer.AddAsync("atlas");

        var refused = await buyer.CartPageAsync();
        Assert.Contains("“Atlas of Buses” is priced in JPY and your cart in USD: one payment takes one currency, so it was not added.", refused);
        Assert.DoesNotContain("/products/atlas", refused);
        Assert.Contains("Pay $29.00 securely", refused);

        // An editor moves a product in the cart to another currency.
        await buyer.AddAsync("primer");
        await ImportAsync(shop.App, TestRecipe.Product("primer", "Primer", price: 999, currency: "eur"));
        var mixed = await buyer.CartPageAsync();
        Assert.Contains("These products are priced in different currencies", mixed);
        Assert.Contains("Several currencies", mixed);
        Assert.DoesNotContain("securely", mixed);
        var checkout = await buyer.CheckoutAsync();
        Assert.Equal("/cart", checkout.Headers.Location!.OriginalString);
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<Order>().CountAsync()));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AProductUnpublishedWhileTheBuyerPaysIsStillDelivered()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        using var buyer = new CartBuyer(shop.App.BaseAddress);
        await buyer.AddAsync("field-guide");
        var checkout = await buyer.CheckoutAsync();

        await ImportAsync(shop.App, Guide(published: false));
        var purchase = await buyer.PayAsync(checkout.Headers.Location!, "late@example.com", "Late Buyer");

        var link = Assert.Single(ShopWithStripe.DownloadLinks(purchase.Page));
        using var client = shop.App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AChargeThatDiffersFromWhatTheShopAskedIsFlaggedAndGrantsNothing(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);

        // A discount the shop never offered (as if applied in Stripe's dashboard): Stripe charged less than asked.
        await shop.BuyAsync("odd@example.com", "Odd Charge", beforePaying: session => shop.StripeApiAsync(
            $"/v1/test_helpers/checkout/sessions/{session}/totals", ("amount_discount", "500")));

        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Null(order.FulfilledAt);
        Assert.StartsWith("amount mismatch: Stripe took off a discount", order.NeedsAttention);
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));
        Assert.Contains(shop.App.Logs.Errors, e => e.Contains("needs attention", StringComparison.Ordinal));
    }

    /// <summary>The session's line items as Stripe's API lists them: (description, amount before discounts and tax).</summary>
    private static async Task<List<(string, long)>> LineItemsAsync(ShopWithStripe shop, Uri payPage)
    {
        using var client = new HttpClient { BaseAddress = shop.Stripe.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestStripe.SecretKey);
        var list = JsonNode.Parse(await client.GetStringAsync($"v1/checkout/sessions/{payPage.Segments[^1]}/line_items"))!;
        return [.. list["data"]!.AsArray().Select(i => (i!["description"]!.GetValue<string>(), i["amount_subtotal"]!.GetValue<long>()))];
    }

    private static JsonObject Guide(bool published)
    {
        var guide = TestRecipe.Product("field-guide", "Field Guide", price: 2900, published: published);
        guide["downloadUses"] = 3;
        return guide;
    }

    private static async Task ImportAsync(StorefrontApp app, params JsonObject[] products)
    {
        using var recipe = new TempFolder();
        await app.ImportAsync(new TestRecipe().Products(products).WriteTo(recipe.Path));
    }
}
