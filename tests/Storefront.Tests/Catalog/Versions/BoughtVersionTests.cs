using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Payments.Orders;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Versions;

/// <summary>The price a buyer pays is the price of the live version they bought, and the order records that version.</summary>
public sealed class BoughtVersionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnOrderKeepsThePriceAndVersionItWasBoughtAtWhateverIsDraftedOrPublishedDuringCheckout(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var editor = new VersionedShop(shop.App, await SignedInEditor.CreateAsync(shop.App));
        var product = await editor.ProductAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SaveDraftAsync(product, ("Price", "39.00"))).StatusCode);

        // Checkout starts while the $39 draft waits; the draft is published before the buyer pays.
        await shop.BuyAsync("early@example.com", "Early Buyer",
            beforePaying: async _ => Assert.Equal(HttpStatusCode.Redirect, (await editor.PublishAsync(product.Id)).StatusCode));
        await shop.BuyAsync("late@example.com", "Late Buyer");

        await Eventually.HoldsAsync(async () => await shop.App.WithDbAsync(d => d.Set<Order>().CountAsync(o => o.Status == OrderStatus.Paid)) == 2,
            "both purchases fulfilled", seconds: 30);
        var bought = await shop.App.WithDbAsync(d => (
            from line in d.Set<OrderLine>()
            join order in d.Set<Order>() on line.OrderId equals order.Id
            join version in d.Set<OrderLineVersion>() on line.Id equals version.OrderLineId
            orderby order.Number
            select new { order.BuyerEmail, line.UnitAmountMinor, version.ProductVersion, order.AmountTotal }).ToListAsync());
        Assert.Equal(
            [("early@example.com", 2900L, 1, (long?)2900), ("late@example.com", 3900L, 3, (long?)3900)],
            bought.Select(b => (b.BuyerEmail, b.UnitAmountMinor, b.ProductVersion, b.AmountTotal)));
        shop.App.Logs.AssertNoErrors();
    }
}
