using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Payments.Orders;
using Storefront.Payments.Promotions;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// Promotion codes from the admin to a paid order, through the real app, the Stripe emulator's coupons and hosted page and
/// the signed webhook: the discount Stripe applied, the redemption counted, and codes that can no longer be used refused
/// before anything is charged.
/// </summary>
public sealed class PromotionCodeTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ACodeCreatedInTheAdminAndSharedAsALinkTakesItsDiscountOffAtCheckoutAndCountsARedemption(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        using var admin = await AdminSession.SignInAsync(shop.App);

        var created = await CreateAsync(admin, new() { ["Form.Code"] = "Spring-10", ["Form.Value"] = "10", ["Form.Products"] = "field-guide" });
        var product = await shop.App.CreateHttpClient().GetStringAsync("/products/field-guide?code=spring-10");
        var purchase = await shop.BuyAsync("spring@example.com", "Spring Buyer", productQuery: "?code=spring-10");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("Code SPRING-10 applied", product);
        Assert.NotNull(purchase.SuccessUrl);
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal((OrderStatus.Paid, "SPRING-10", 2900L, 290L, 2610L),
            (order.Status, order.PromotionCode, order.AmountSubtotal, order.AmountDiscount, order.AmountTotal));
        var row = await shop.App.WithDbAsync(d => d.Set<PromotionCode>().SingleAsync());
        Assert.Equal(("SPRING-10", DiscountKind.Percent, 10L), (row.NormalizedCode, row.Kind, row.Value));
        var stripeCode = shop.Stripe.State.PromotionCode(row.StripePromotionCodeId!);
        Assert.Equal(("SPRING-10", 1L), (stripeCode!["code"]!.GetValue<string>(), stripeCode["times_redeemed"]!.GetValue<long>()));
        var stripeProduct = await shop.App.WithDbAsync(d => d.Set<StripeProduct>().SingleAsync());
        Assert.Equal(stripeProduct.StripeProductId, shop.Stripe.State.Coupon(row.StripeCouponId!)!["applies_to"]!["products"]![0]!.GetValue<string>());
        var list = await admin.GetStringAsync("/admin/promotions");
        Assert.Matches("<td class=\"redemptions\">1</td>", list);
        var audit = await shop.App.WithDbAsync(d => d.Set<Storefront.Core.Audit.AuditEntry>().Where(e => e.Action == "promotion.created").SingleAsync());
        Assert.Equal("SPRING-10", audit.Target);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task BadInputIsAnsweredBesideItsFieldAndNothingIsSavedHereOrAtStripe(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        using var admin = await AdminSession.SignInAsync(shop.App);
        Assert.Equal(HttpStatusCode.Redirect, (await CreateAsync(admin, new() { ["Form.Code"] = "TAKEN", ["Form.Value"] = "5" })).StatusCode);
        var couponsBefore = shop.Stripe.State.CouponCount;

        var cases = new (Dictionary<string, string> Form, string Message)[]
        {
            (new() { ["Form.Code"] = "ZERO", ["Form.Value"] = "0" }, "whole number from 1 to 100"),
            (new() { ["Form.Code"] = "TOO-MUCH", ["Form.Value"] = "101" }, "whole number from 1 to 100"),
            (new() { ["Form.Code"] = "NEGATIVE", ["Form.Kind"] = "amount", ["Form.Value"] = "-5.00", ["Form.Currency"] = "usd" }, "more than zero"),
            (new() { ["Form.Code"] = "NO-CURRENCY", ["Form.Kind"] = "amount", ["Form.Value"] = "5.00" }, "needs its currency"),
            (new() { ["Form.Code"] = "PAST", ["Form.Value"] = "5", ["Form.Expires"] = "2020-01-01T00:00" }, "must be in the future"),
            (new() { ["Form.Code"] = "taken", ["Form.Value"] = "5" }, "already exists"),
            (new() { ["Form.Code"] = "bad code!", ["Form.Value"] = "5" }, "letters A–Z, digits and dashes"),
            (new() { ["Form.Code"] = "NOWHERE", ["Form.Value"] = "5", ["Form.Products"] = "no-such-product" }, "No product on sale"),
            (new() { ["Form.Code"] = "NO-USES", ["Form.Value"] = "5", ["Form.MaxRedemptions"] = "0" }, "between 1 and 2147483647"),
            // What the recipe step would refuse, so that an export always imports again.
            (new() { ["Form.Code"] = "TOO-MANY", ["Form.Value"] = "5", ["Form.MaxRedemptions"] = "99999999999" }, "between 1 and 2147483647"),
        };
        foreach (var (form, message) in cases)
        {
            var response = await CreateAsync(admin, form);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, html);
            Assert.Contains("role=\"alert\"", html);
        }

        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<PromotionCode>().CountAsync()));
        Assert.Equal(couponsBefore, shop.Stripe.State.CouponCount);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ACodeStripeNoLongerKnowsIsRefusedAsSuchNotAsAnOutage()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        using var admin = await AdminSession.SignInAsync(shop.App);
        await CreateAsync(admin, new() { ["Form.Code"] = "MOVED", ["Form.Value"] = "20" });
        var code = await shop.App.WithDbAsync(d => d.Set<PromotionCode>().SingleAsync(p => p.NormalizedCode == "MOVED"));
        Assert.True(shop.Stripe.State.Forget(code.StripePromotionCodeId!));

        var refused = await Assert.ThrowsAsync<CheckoutRefusedException>(() =>
            shop.BuyAsync("moved@example.com", "Moved", buyFields: new Dictionary<string, string> { ["code"] = "MOVED" }));

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("This promotion code cannot be used at the moment", WebUtility.HtmlDecode(refused.Page));
        Assert.DoesNotContain("could not reach our payment provider", refused.Page);
        Assert.Contains(shop.App.Logs.Warnings, w => w.Contains("Stripe does not know promotion code MOVED", StringComparison.Ordinal));
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AUsedUpExpiredOrDeactivatedCodeIsRefusedWithItsReasonAndNoCheckoutIsOpened(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        using var admin = await AdminSession.SignInAsync(shop.App);
        await CreateAsync(admin, new() { ["Form.Code"] = "ONCE", ["Form.Kind"] = "amount", ["Form.Value"] = "5.00", ["Form.Currency"] = "usd", ["Form.MaxRedemptions"] = "1" });
        await CreateAsync(admin, new() { ["Form.Code"] = "LATE", ["Form.Value"] = "20", ["Form.Expires"] = "2099-01-01T00:00" });
        await CreateAsync(admin, new() { ["Form.Code"] = "GONE", ["Form.Value"] = "20" });
        await shop.BuyAsync("first@example.com", "First", productQuery: "?code=ONCE");
        await shop.App.WithDbAsync(d => d.Set<PromotionCode>().Where(p => p.NormalizedCode == "LATE")
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresAt, new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
        var gone = await shop.App.WithDbAsync(d => d.Set<PromotionCode>().SingleAsync(p => p.NormalizedCode == "GONE"));
        var deactivated = await AdminSession.PostFormAsync(admin, "/admin/promotions", new(), $"/admin/promotions?handler=Deactivate&id={gone.Id}");
        var sessionsBefore = shop.Stripe.State.SessionCount;

        foreach (var (code, reason) in new[] { ("ONCE", "has been used up"), ("late", "expired on 2021-01-01"), ("GONE", "is not valid") })
        {
            var page = WebUtility.HtmlDecode(await shop.App.CreateHttpClient().GetStringAsync($"/products/field-guide?code={code}"));
            Assert.Contains(reason, page);
            Assert.DoesNotContain("name=\"code\"", page);
            var refused = await Assert.ThrowsAsync<CheckoutRefusedException>(() =>
                shop.BuyAsync("second@example.com", "Second", buyFields: new Dictionary<string, string> { ["code"] = code }));
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains(reason, WebUtility.HtmlDecode(refused.Page));
            Assert.Contains("Nothing was charged", refused.Page);
        }

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.False(shop.Stripe.State.PromotionCode(gone.StripePromotionCodeId!)!["active"]!.GetValue<bool>());
        Assert.Equal(sessionsBefore, shop.Stripe.State.SessionCount);
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<Order>().CountAsync()));
        Assert.Contains("<td class=\"status\">Used up</td>", await admin.GetStringAsync("/admin/promotions"));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ACodeOncePerCustomerAsksForTheEmailAndRefusesItTheSecondTime()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        using var admin = await AdminSession.SignInAsync(shop.App);
        await CreateAsync(admin, new() { ["Form.Code"] = "HELLO", ["Form.Value"] = "50", ["Form.OncePerCustomer"] = "true" });

        var page = await shop.App.CreateHttpClient().GetStringAsync("/products/field-guide?code=HELLO");
        await shop.BuyAsync("fan@example.com", "Fan", productQuery: "?code=HELLO", buyFields: new Dictionary<string, string> { ["email"] = "fan@example.com" });
        var again = await Assert.ThrowsAsync<CheckoutRefusedException>(() => shop.BuyAsync("fan@example.com", "Fan", productQuery: "?code=HELLO",
            buyFields: new Dictionary<string, string> { ["email"] = "FAN@example.com" }));

        Assert.Contains("id=\"buy-email\"", page);
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal((1450L, "HELLO"), (order.AmountTotal, order.PromotionCode));
        Assert.Contains("has used it", WebUtility.HtmlDecode(again.Page));
        shop.App.Logs.AssertNoErrors();
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient admin, Dictionary<string, string> form) =>
        AdminSession.PostFormAsync(admin, "/admin/promotions", form, "/admin/promotions?handler=Create");
}
