using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Selling;

public sealed class PayWhatYouWantTests
{
    private static JsonObject Choosable()
    {
        var product = TestRecipe.Product("tip-jar", "Tip Jar Guide", price: 1500);
        product["payWhatYouWant"] = new JsonObject { ["minimum"] = 500, ["suggested"] = 1500 };
        return product;
    }

    [Theory]
    [InlineData("4.99", "The amount must be at least $5.00.")]
    [InlineData("-10", "The amount cannot be negative.")]
    [InlineData("ten dollars", "Enter the amount as a number such as 29.00.")]
    [InlineData("12.555", "USD has 2 decimal places: enter the amount such as 29.00.")]
    [InlineData("123456789012", "The amount is too high: at most $999,999.99.")]
    [InlineData("", "Enter the amount you want to pay: at least $5.00.")]
    public async Task AnAmountBelowTheMinimumOrMalformedIsRefusedWithAClearMessageAndNoOrderOrSession(string amount, string message)
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await SellingShop.ImportAsync(shop.App, Choosable());

        var response = await SellingShop.PostBuyAsync(shop.App.BaseAddress, "tip-jar", amount);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<Order>().CountAsync()));
        Assert.Empty(shop.Stripe.State.Events);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AChosenAmountIsWhatStripeChargesAndThePaidSessionFulfilsTheOrder(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        await SellingShop.ImportAsync(shop.App, Choosable());
        var page = await shop.App.CreateHttpClient().GetStringAsync("/products/tip-jar");
        Assert.Contains("<label for=\"buy-amount\">Your price (USD)</label>", page);
        Assert.Contains("min=\"5.00\"", page);
        Assert.Contains("value=\"15.00\"", page);
        Assert.Contains("Pay what you want, from $5.00", page);

        var started = await SellingShop.PostBuyAsync(shop.App.BaseAddress, "tip-jar", "12.50");

        Assert.Equal(HttpStatusCode.SeeOther, started.StatusCode);
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal(1250, order.AmountMinor);
        using var buyer = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var paid = await buyer.PostAsync(started.Headers.Location, new FormUrlEncodedContent(
            [KeyValuePair.Create("action", "pay"), KeyValuePair.Create("email", "payer@example.com"), KeyValuePair.Create("name", "Payer")]));
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        await shop.WaitForDeliveryAsync("checkout.session.completed");
        order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal((OrderStatus.Paid, 1250L), (order.Status, order.AmountTotal));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheAdminRefusesASuggestedAmountBelowTheMinimumAndARecipeRoundTripKeepsTheChoice()
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await Admin.SignedInEditor.CreateAsync(app);

        var refused = await editor.PostFormAsync("/admin/products/new", new()
        {
            ["Input.Title"] = "Choosy", ["Input.Price"] = "10.00", ["Input.Currency"] = "usd", ["Input.Offer.PayWhatYouWant"] = "true",
            ["Input.Offer.MinimumPrice"] = "5.00", ["Input.Offer.SuggestedPrice"] = "4.00",
        });
        var saved = await editor.PostFormAsync("/admin/products/new", new()
        {
            ["Input.Title"] = "Choosy", ["Input.Price"] = "10.00", ["Input.Currency"] = "usd", ["Input.Offer.PayWhatYouWant"] = "true",
            ["Input.Offer.MinimumPrice"] = "5.00", ["Input.Offer.SuggestedPrice"] = "8.50",
        });

        Assert.Contains("The suggested amount cannot be below the minimum of $5.00.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var product = await app.WithDbAsync(d => d.Set<Product>().SingleAsync());
        Assert.Equal((true, 500L, 850L), (product.PayWhatYouWant, product.MinimumPriceMinor, product.SuggestedPriceMinor));
        Assert.Contains(await app.WithDbAsync(d => d.Set<Storefront.Core.Audit.AuditEntry>().Select(e => e.Action).ToListAsync()), a => a == "product.pay-what-you-want");
        app.Logs.AssertNoErrors();
    }
}
