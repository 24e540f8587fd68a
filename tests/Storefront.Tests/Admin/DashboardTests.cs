using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Services;
using Storefront.Core.Security;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

public sealed partial class DashboardTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheDashboardAddsUpRealPurchasesPerCurrencyMinusARefundWithDownloadsAndTopProducts(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        using var recipe = new TempFolder();
        await shop.App.ImportAsync(new TestRecipe().Products(TestRecipe.Product("euro-guide", "Euro Guide", price: 1500, currency: "eur")).WriteTo(recipe.Path));
        var first = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("a@example.com", "A")).Page));
        await shop.BuyAsync("b@example.com", "B");
        await shop.BuyAsync("c@example.com", "C");
        await shop.BuyAsync("d@example.com", "D", slug: "euro-guide");
        await shop.BuyAsync("e@example.com", "E", action: "decline");
        using var buyer = shop.App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync(first)).StatusCode);
        var refunded = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync(o => o.BuyerEmail == "b@example.com"));
        await shop.StripeApiAsync("/v1/refunds", ("payment_intent", refunded.PaymentIntentId!));
        await shop.WaitForDeliveryAsync("charge.refunded");
        using var admin = await AdminLogin.ClientAsync(shop.App, "owner@example.com", AdminRoles.Administrator);

        var html = await admin.GetStringAsync("/admin");

        Assert.Equal("4", Figure(html, "orders"));
        Assert.Equal("1", Figure(html, "refunds"));
        Assert.Equal("2", Figure(html, "downloads"));
        Assert.Contains($"<dd data-currency=\"usd\">{WebUtility.HtmlEncode(Money.Format(2 * 2900, "usd"))}</dd>", html);
        Assert.Contains($"<dd data-currency=\"eur\">{WebUtility.HtmlEncode(Money.Format(1500, "eur"))}</dd>", html);
        var top = TopProducts().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["Field Guide", "Euro Guide"], top);
        Assert.Contains("role=\"img\"", html);
        Assert.Matches("<svg[^>]+aria-label=\"Orders and downloads per day[^\"]+4 orders, 2 downloads", html);
        Assert.Contains("<title>Orders and downloads per day", html);
        Assert.DoesNotContain("style=", html);
        shop.App.Logs.AssertNoErrors();
    }

    private static string Figure(string html, string name) =>
        Regex.Match(html, $"data-figure=\"{name}\"><dt>[^<]+</dt><dd>([^<]+)</dd>").Groups[1].Value;

    [GeneratedRegex("<tr><th scope=\"row\">([^<]+)</th><td>\\d+</td>")]
    private static partial Regex TopProducts();
}
