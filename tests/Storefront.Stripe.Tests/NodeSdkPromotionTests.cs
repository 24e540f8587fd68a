using System.Net;
using System.Text.Json;
using Storefront.Stripe.Tests.Infrastructure;

namespace Storefront.Stripe.Tests;

/// <summary>Products, coupons, promotion codes, discounts and Stripe Tax on sessions, as the official Node SDK sends and reads them.</summary>
public sealed class NodeSdkPromotionTests
{
    [Fact]
    public async Task TheSdkCreatesCouponsAndCodesAndASessionDiscountSplitAcrossTheEligibleLines()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var r = await NodeSdk.RunAsync("promotions", emulator.BaseUrl, TestEmulator.ApiKey);

        var coupon = r.GetProperty("coupon");
        Assert.Equal(("coupon", 1000L, "usd", "once", true), (coupon.GetProperty("object").GetString(), coupon.GetProperty("amount_off").GetInt64(),
            coupon.GetProperty("currency").GetString(), coupon.GetProperty("duration").GetString(), coupon.GetProperty("valid").GetBoolean()));
        Assert.Equal(2, coupon.GetProperty("applies_to").GetProperty("products").GetArrayLength());
        Assert.Equal(25m, r.GetProperty("percent").GetProperty("percent_off").GetDecimal());
        var code = r.GetProperty("code");
        Assert.StartsWith("promo_", code.GetProperty("id").GetString());
        Assert.Equal(("promotion_code", "SPRING-10", true, 0L), (code.GetProperty("object").GetString(), code.GetProperty("code").GetString(),
            code.GetProperty("active").GetBoolean(), code.GetProperty("times_redeemed").GetInt64()));
        Assert.Equal(coupon.GetProperty("id").GetString(), code.GetProperty("promotion").GetProperty("coupon").GetString());
        Assert.Equal("coupon", code.GetProperty("promotion").GetProperty("type").GetString());
        Assert.True(code.GetProperty("restrictions").GetProperty("first_time_transaction").GetBoolean());

        AssertError(r, "duplicate", "code", "resource_already_exists");
        AssertError(r, "noCoupon", "promotion[coupon]", "resource_missing");
        AssertError(r, "badPercent", "percent_off", null);
        AssertError(r, "noCurrency", "currency", "parameter_missing");
        AssertError(r, "both", "allow_promotion_codes", null);
        AssertError(r, "notEligible", "discounts[0][promotion_code]", null);
        AssertError(r, "missingProduct", "line_items[0][price_data][product]", "resource_missing");
        AssertError(r, "inactive", "discounts[0][promotion_code]", null);
        Assert.Equal(1, r.GetProperty("listed").GetProperty("data").GetArrayLength());
        Assert.False(r.GetProperty("deactivated").GetProperty("active").GetBoolean());

        var session = r.GetProperty("session");
        Assert.Equal((4600L, 1000L, 3600L), (session.GetProperty("amount_subtotal").GetInt64(),
            session.GetProperty("total_details").GetProperty("amount_discount").GetInt64(), session.GetProperty("amount_total").GetInt64()));
        Assert.Equal(code.GetProperty("id").GetString(), session.GetProperty("discounts")[0].GetProperty("promotion_code").GetString());
        // 1000 off shared by 2900 and 1000 (the third line is not eligible): 743.59 and 256.41, the leftover cent to the larger remainder.
        var items = r.GetProperty("items").GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([744L, 256L, 0L], items.Select(i => i.GetProperty("amount_discount").GetInt64()));
        Assert.Equal([2156L, 744L, 700L], items.Select(i => i.GetProperty("amount_total").GetInt64()));
        Assert.Equal(r.GetProperty("guide").GetProperty("id").GetString(), items[0].GetProperty("price").GetProperty("product").GetString());
        Assert.Equal("CAN Bus Field Guide", items[0].GetProperty("description").GetString());
    }

    [Fact]
    public async Task CompletingADiscountedSessionRedeemsItsCodeOnceAndChargesTheDiscountedTotal()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var r = await NodeSdk.RunAsync("promotions", emulator.BaseUrl, TestEmulator.ApiKey);
        var session = r.GetProperty("session");
        using var browser = TestEmulator.Browser();

        var paid = await TestEmulator.SubmitAsync(browser, session.GetProperty("url").GetString()!, "pay");
        var after = await NodeSdk.RunAsync("retrieveWithItems", emulator.BaseUrl, TestEmulator.ApiKey,
            new { id = session.GetProperty("id").GetString(), code = r.GetProperty("code").GetProperty("id").GetString() });

        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        Assert.Equal(1, after.GetProperty("code").GetProperty("times_redeemed").GetInt64());
        Assert.Equal(3600, after.GetProperty("session").GetProperty("amount_total").GetInt64());
        Assert.Equal("paid", after.GetProperty("session").GetProperty("payment_status").GetString());
    }

    [Theory]
    [InlineData("exclusive", "DE", 190, 1190)]
    [InlineData("inclusive", "DE", 160, 1000)]
    [InlineData("exclusive", "FR", 200, 1200)]
    [InlineData("exclusive", "US", 0, 1000)]
    public async Task AutomaticTaxIsWorkedOutFromTheBillingCountryOnceTheBuyerPays(string behavior, string country, long tax, long total)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var r = await NodeSdk.RunAsync("tax", emulator.BaseUrl, TestEmulator.ApiKey, new { behavior });
        var session = r.GetProperty("session");
        using var browser = TestEmulator.Browser();

        Assert.True(session.GetProperty("automatic_tax").GetProperty("enabled").GetBoolean());
        Assert.Equal("requires_location_inputs", session.GetProperty("automatic_tax").GetProperty("status").GetString());
        AssertError(r, "badBehavior", "line_items[0][price_data][tax_behavior]", "parameter_invalid_string");
        var paid = await TestEmulator.SubmitAsync(browser, session.GetProperty("url").GetString()!, "pay", fields: new Dictionary<string, string>
        {
            ["address_line1"] = "Hauptstraße 1", ["address_city"] = "Berlin", ["address_postal_code"] = "10115", ["address_country"] = country,
        });
        var after = (await NodeSdk.RunAsync("retrieveWithItems", emulator.BaseUrl, TestEmulator.ApiKey, new { id = session.GetProperty("id").GetString() }))
            .GetProperty("session");

        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        Assert.Equal("complete", after.GetProperty("automatic_tax").GetProperty("status").GetString());
        Assert.Equal((tax, total), (after.GetProperty("total_details").GetProperty("amount_tax").GetInt64(), after.GetProperty("amount_total").GetInt64()));
        var line = after.GetProperty("line_items").GetProperty("data")[0];
        Assert.Equal((tax, total), (line.GetProperty("amount_tax").GetInt64(), line.GetProperty("amount_total").GetInt64()));
        var taxLine = line.GetProperty("taxes")[0];
        Assert.Equal(behavior == "inclusive", taxLine.GetProperty("rate").GetProperty("inclusive").GetBoolean());
        Assert.Equal(country, taxLine.GetProperty("rate").GetProperty("country").GetString());
        Assert.Equal(behavior == "inclusive" ? 1000 - tax : 1000, taxLine.GetProperty("taxable_amount").GetInt64());
    }

    private static void AssertError(JsonElement result, string name, string param, string? code)
    {
        var error = result.GetProperty(name).GetProperty("error");
        Assert.Equal(("StripeInvalidRequestError", param), (error.GetProperty("class").GetString(), error.GetProperty("param").GetString()));
        if (code is not null)
        {
            Assert.Equal(code, error.GetProperty("code").GetString());
        }
    }
}
