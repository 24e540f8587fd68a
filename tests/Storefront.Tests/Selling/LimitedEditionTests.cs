using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Selling;

public sealed class LimitedEditionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task FiftyConcurrentCheckoutsForTheLastFiveUnitsSellExactlyFive(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: SellingShop.RushOfBuyers);
        await SellingShop.ImportAsync(shop.App, SellingShop.Limited("numbered", 5));

        var buyers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => SellingShop.OpenBuyFormAsync(shop.App.BaseAddress, "numbered")));
        var responses = await Task.WhenAll(buyers.Select(buy => Task.Run(buy)));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.SeeOther));
        Assert.Equal(45, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.Conflict), r => Assert.Contains("Sold out", r.Content.ReadAsStringAsync().Result));
        var orders = await shop.App.WithDbAsync(d => d.Set<Order>().ToListAsync());
        Assert.Equal(5, orders.Count);
        Assert.All(orders, o => Assert.NotNull(o.CheckoutSessionId));
        var held = await shop.App.WithDbAsync(d => d.Set<StockReservation>().Where(r => r.State == StockReservationStates.Held).Select(r => r.OrderId).ToListAsync());
        Assert.Equal(orders.Select(o => o.Id).Order(), held.Order());
        Assert.Equal(0, await StockLeftAsync(shop.App, "numbered"));
        var page = await shop.App.CreateHttpClient().GetStringAsync("/products/numbered");
        Assert.Contains("Sold out", page);
        Assert.Contains("disabled", page);
        Assert.DoesNotContain("action=\"/checkout/numbered\"", page);
        Assert.Contains("Sold out", await shop.App.CreateHttpClient().GetStringAsync("/"));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TwoInstancesSharingOnePostgresDatabaseSellExactlyTheUnitsThereAre()
    {
        await using var shop = await ShopWithStripe.StartAsync(Db.Postgres, overrides: SellingShop.RushOfBuyers);
        await SellingShop.ImportAsync(shop.App, SellingShop.Limited("numbered", 5));
        var shared = shop.App.Settings.Where(s => s.Key.StartsWith("ConnectionStrings") || s.Key.StartsWith("Database") || s.Key.StartsWith("Storage")
            || s.Key.StartsWith("Stripe") || s.Key.StartsWith("SecurityHeaders") || s.Key.StartsWith("RateLimits")).ToDictionary(s => s.Key, s => s.Value);
        await using var second = await StorefrontApp.StartAsync(Db.Postgres, shared);

        var buyers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            SellingShop.OpenBuyFormAsync(i % 2 == 0 ? shop.App.BaseAddress : second.BaseAddress, "numbered")));
        var responses = await Task.WhenAll(buyers.Select(buy => Task.Run(buy)));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.SeeOther));
        Assert.Equal(45, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(5, await shop.App.WithDbAsync(d => d.Set<StockReservation>().CountAsync()));
        Assert.Equal(0, await StockLeftAsync(shop.App, "numbered"));
        shop.App.Logs.AssertNoErrors();
        second.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnExpiredSessionGivesItsUnitBackOnceAndAPaidOneKeepsItSold(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        await SellingShop.ImportAsync(shop.App, SellingShop.Limited("numbered", 2));

        var abandoned = await SellingShop.PostBuyAsync(shop.App.BaseAddress, "numbered");
        var sessionId = abandoned.Headers.Location!.Segments[^1];
        Assert.Equal(1, await StockLeftAsync(shop.App, "numbered"));
        await shop.StripeApiAsync($"/v1/checkout/sessions/{sessionId}/expire");
        await shop.WaitForDeliveryAsync("checkout.session.expired");
        await shop.StripeApiAsync($"/v1/test_helpers/events/{shop.Stripe.State.Events.Last(e => e.Type == "checkout.session.expired").Id}/redeliver", ("count", "3"));

        Assert.Equal(2, await StockLeftAsync(shop.App, "numbered"));
        Assert.Equal(StockReservationStates.Released, await shop.App.WithDbAsync(d => d.Set<StockReservation>().Select(r => r.State).SingleAsync()));

        var purchase = await shop.BuyAsync("keeper@example.com", "Keeper", slug: "numbered");
        Assert.Single(ShopWithStripe.DownloadLinks(purchase.Page));
        Assert.Equal(1, await StockLeftAsync(shop.App, "numbered"));
        Assert.Equal([StockReservationStates.Released, StockReservationStates.Sold],
            await shop.App.WithDbAsync(d => d.Set<StockReservation>().OrderBy(r => r.CreatedAt).Select(r => r.State).ToListAsync()));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task LeavingStripesPageThroughCancelExpiresTheSessionAndTheUnitComesBack()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await SellingShop.ImportAsync(shop.App, SellingShop.Limited("numbered", 1));
        var late = await SellingShop.OpenBuyFormAsync(shop.App.BaseAddress, "numbered");
        var started = await SellingShop.PostBuyAsync(shop.App.BaseAddress, "numbered");
        Assert.Equal(HttpStatusCode.Conflict, (await late()).StatusCode);
        var orderId = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Id).SingleAsync());

        var cancel = await shop.App.CreateHttpClient().GetAsync($"/checkout/cancel?product=numbered&order={orderId}");

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Contains("Checkout cancelled", await cancel.Content.ReadAsStringAsync());
        Assert.Equal(1, await StockLeftAsync(shop.App, "numbered"));
        Assert.Equal(OrderStatus.Closed, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
        await shop.WaitForDeliveryAsync("checkout.session.expired");
        Assert.Equal(1, await StockLeftAsync(shop.App, "numbered"));
        Assert.Equal(HttpStatusCode.SeeOther, (await SellingShop.PostBuyAsync(shop.App.BaseAddress, "numbered")).StatusCode);
        Assert.NotNull(started.Headers.Location);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("-1", "The stock cannot be below zero")]
    [InlineData("lots", "Enter the stock as a whole number of units")]
    public async Task TheAdminRefusesANegativeOrMalformedStockAndSavesNothing(string stock, string message)
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await Admin.SignedInEditor.CreateAsync(app);

        var refused = await editor.PostFormAsync("/admin/products/new", new()
        {
            ["Input.Title"] = "Numbered", ["Input.Price"] = "10.00", ["Input.Currency"] = "usd", ["Input.Offer.Stock"] = stock,
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Product>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task EditingOtherFieldsLeavesTheStockAsSalesLeftItAndSettingItIsAudited()
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await Admin.SignedInEditor.CreateAsync(app);
        var id = Admin.AdminRequests.SavedId(await editor.PostFormAsync("/admin/products/new", new()
        {
            ["Input.Title"] = "Numbered", ["Input.Price"] = "10.00", ["Input.Currency"] = "usd", ["Input.Offer.Stock"] = "10", ["Input.Offer.StockShown"] = "",
        }));
        // A sale happens while the form is open with 10 shown.
        await app.WithDbAsync(d => d.Set<Product>().Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.StockLeft, 9)));

        await editor.PostFormAsync($"/admin/products/{id}", new()
        {
            ["Input.Title"] = "Numbered, retitled", ["Input.Slug"] = "numbered", ["Input.Price"] = "10.00", ["Input.Currency"] = "usd",
            ["Input.Offer.Stock"] = "10", ["Input.Offer.StockShown"] = "10",
        });
        Assert.Equal(9, await app.WithDbAsync(d => d.Set<Product>().Where(p => p.Id == id).Select(p => p.StockLeft).SingleAsync()));

        await editor.PostFormAsync($"/admin/products/{id}", new()
        {
            ["Input.Title"] = "Numbered", ["Input.Slug"] = "numbered", ["Input.Price"] = "10.00", ["Input.Currency"] = "usd",
            ["Input.Offer.Stock"] = "25", ["Input.Offer.StockShown"] = "9",
        });
        Assert.Equal(25, await app.WithDbAsync(d => d.Set<Product>().Where(p => p.Id == id).Select(p => p.StockLeft).SingleAsync()));
        var details = await app.WithDbAsync(d => d.Set<Storefront.Core.Audit.AuditEntry>().Where(e => e.Action == "product.stock").Select(e => e.Details).ToListAsync());
        Assert.Contains("units available: 9 → 25", details);
    }

    private static Task<int?> StockLeftAsync(StorefrontApp app, string slug) =>
        app.WithDbAsync(d => d.Set<Product>().Where(p => p.Slug == slug).Select(p => p.StockLeft).SingleAsync());
}
