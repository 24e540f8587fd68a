using System.Net;
using Storefront.Stripe.Tests.Infrastructure;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Stripe.Tests;

/// <summary>The hosted page's promotion code box and tax country, through Stripe.net as the shop calls the API.</summary>
public sealed class HostedCheckoutPromotionTests
{
    [Fact]
    public async Task ABuyerTypesACodeOnlyWhenTheSessionAllowsItAndSeesTheDiscountBeforePaying()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.Client(emulator.BaseUrl);
        var coupon = await new CouponService(client).CreateAsync(new CouponCreateOptions { PercentOff = 20, Duration = "once" });
        await new PromotionCodeService(client).CreateAsync(new PromotionCodeCreateOptions
        {
            Promotion = new PromotionCodePromotionOptions { Type = "coupon", Coupon = coupon.Id }, Code = "WELCOME",
        });
        var plain = await client.CreateCheckoutSessionAsync(TestEmulator.Book("order_plain"), "order_plain-checkout");
        var open = TestEmulator.Book("order_codes");
        open.AllowPromotionCodes = true;
        var session = await client.CreateCheckoutSessionAsync(open, "order_codes-checkout");
        using var browser = TestEmulator.Browser();

        var plainPage = await browser.GetStringAsync(plain.Url);
        var wrong = await TestEmulator.SubmitAsync(browser, session.Url!, "apply_code", fields: new Dictionary<string, string> { ["promotion_code"] = "NOPE" });
        var applied = await TestEmulator.SubmitAsync(browser, session.Url!, "apply_code", fields: new Dictionary<string, string> { ["promotion_code"] = "welcome" });
        var appliedHtml = await applied.Content.ReadAsStringAsync();
        await TestEmulator.SubmitAsync(browser, session.Url!, "pay");
        var paid = await client.GetCheckoutSessionAsync(session.Id);

        Assert.DoesNotContain("promotion_code", plainPage);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("This code is invalid.", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Contains("Discount (WELCOME)", appliedHtml);
        Assert.Contains("23.20 USD", appliedHtml);
        Assert.Equal((580L, 2320L), (paid.TotalDetails.AmountDiscount, paid.AmountTotal));
        Assert.Equal(coupon.Id, paid.Discounts.Single().CouponId);
    }

    [Fact]
    public async Task WithAutomaticTaxThePageRequiresTheBillingCountry()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.Client(emulator.BaseUrl);
        var book = TestEmulator.Book("order_tax");
        book.AutomaticTax = new SessionAutomaticTaxOptions { Enabled = true };
        book.LineItems[0].PriceData.TaxBehavior = "exclusive";
        var session = await client.CreateCheckoutSessionAsync(book, "order_tax-checkout");
        using var browser = TestEmulator.Browser();

        var page = await browser.GetStringAsync(session.Url);
        var refused = await TestEmulator.SubmitAsync(browser, session.Url!, "pay");
        await TestEmulator.SubmitAsync(browser, session.Url!, "pay", fields: new Dictionary<string, string> { ["address_country"] = "GB" });
        var paid = await client.GetCheckoutSessionAsync(session.Id);

        Assert.Contains("id=\"address_country\"", page);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("billing country", await refused.Content.ReadAsStringAsync());
        Assert.Equal((580L, 3480L, "complete"), (paid.TotalDetails.AmountTax, paid.AmountTotal, paid.AutomaticTax.Status));
        Assert.Equal("GB", paid.CustomerDetails.Address.Country);
    }
}
