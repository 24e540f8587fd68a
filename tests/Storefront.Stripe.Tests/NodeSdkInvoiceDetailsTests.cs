using System.Net;
using System.Text.Json;
using Storefront.Stripe.Tests.Infrastructure;

namespace Storefront.Stripe.Tests;

/// <summary>
/// What an invoice needs from a Checkout Session, as the official Stripe Node SDK reads it from the emulator: the billing
/// address and tax id collection it asks for, <c>customer_details</c>, <c>total_details</c> and the latest charge's
/// <c>payment_method_details</c>, each in Stripe's shape.
/// </summary>
public sealed class NodeSdkInvoiceDetailsTests
{
    [Fact]
    public async Task ASessionCollectingAddressAndTaxIdReturnsThemInStripesShapeOncePaid()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var created = await NodeSdk.RunAsync("invoiceDetails", emulator.BaseUrl, TestEmulator.ApiKey);
        var session = created.GetProperty("created");
        Assert.Equal("required", session.GetProperty("billing_address_collection").GetString());
        Assert.True(session.GetProperty("tax_id_collection").GetProperty("enabled").GetBoolean());
        Assert.Equal("never", session.GetProperty("tax_id_collection").GetProperty("required").GetString());
        var refused = created.GetProperty("badCollection").GetProperty("error");
        Assert.Equal(("StripeInvalidRequestError", "billing_address_collection"), (refused.GetProperty("class").GetString(), refused.GetProperty("param").GetString()));

        using var browser = TestEmulator.Browser();
        var page = await (await browser.GetAsync(session.GetProperty("url").GetString())).Content.ReadAsStringAsync();
        foreach (var field in new[] { "address_line1", "address_city", "address_postal_code", "address_country", "business_name", "tax_id" })
        {
            Assert.Contains($"<label for=\"{field}\">", page);
            Assert.Contains($"<input id=\"{field}\" name=\"{field}\"", page);
        }

        var incomplete = await TestEmulator.SubmitAsync(browser, session.GetProperty("url").GetString()!, "pay");
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Contains("Enter your billing address", await incomplete.Content.ReadAsStringAsync());
        await TestEmulator.Client(emulator.BaseUrl).PostJsonAsync($"v1/test_helpers/checkout/sessions/{session.GetProperty("id").GetString()}/totals",
            [new("amount_discount", 400), new("amount_tax", 133)]);
        var paid = await TestEmulator.SubmitAsync(browser, session.GetProperty("url").GetString()!, "pay", name: "Zoë Ångström", fields: new Dictionary<string, string>
        {
            ["address_line1"] = "Kungsgatan 1", ["address_city"] = "Stockholm", ["address_postal_code"] = "111 43", ["address_country"] = "se",
            ["business_name"] = "Ångström AB", ["tax_id"] = "SE123456789701",
        });
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);

        var read = (await NodeSdk.RunAsync("paidDetails", emulator.BaseUrl, TestEmulator.ApiKey, new { id = session.GetProperty("id").GetString() })).GetProperty("paid");
        var customer = read.GetProperty("customer_details");
        Assert.Equal("Zoë Ångström", customer.GetProperty("name").GetString());
        Assert.Equal("Ångström AB", customer.GetProperty("business_name").GetString());
        Assert.Equal("none", customer.GetProperty("tax_exempt").GetString());
        var address = customer.GetProperty("address");
        Assert.Equal(["city", "country", "line1", "line2", "postal_code", "state"], address.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(("Kungsgatan 1", "Stockholm", "111 43", "SE"), (address.GetProperty("line1").GetString(), address.GetProperty("city").GetString(),
            address.GetProperty("postal_code").GetString(), address.GetProperty("country").GetString()));
        Assert.Equal(JsonValueKind.Null, address.GetProperty("line2").ValueKind);
        var taxId = Assert.Single(customer.GetProperty("tax_ids").EnumerateArray());
        Assert.Equal(("eu_vat", "SE123456789701"), (taxId.GetProperty("type").GetString(), taxId.GetProperty("value").GetString()));

        Assert.Equal(3900, read.GetProperty("amount_subtotal").GetInt64());
        Assert.Equal(3900 - 400 + 133, read.GetProperty("amount_total").GetInt64());
        Assert.Equal((400, 133, 0), (read.GetProperty("total_details").GetProperty("amount_discount").GetInt64(),
            read.GetProperty("total_details").GetProperty("amount_tax").GetInt64(), read.GetProperty("total_details").GetProperty("amount_shipping").GetInt64()));

        var charge = read.GetProperty("payment_intent").GetProperty("latest_charge");
        Assert.Equal("charge", charge.GetProperty("object").GetString());
        Assert.Equal(3633, charge.GetProperty("amount").GetInt64());
        Assert.StartsWith("pm_", charge.GetProperty("payment_method").GetString());
        var method = charge.GetProperty("payment_method_details");
        Assert.Equal("card", method.GetProperty("type").GetString());
        var card = method.GetProperty("card");
        Assert.Equal(("visa", "4242", "credit"), (card.GetProperty("brand").GetString(), card.GetProperty("last4").GetString(), card.GetProperty("funding").GetString()));
        Assert.Equal(12, card.GetProperty("exp_month").GetInt32());
        Assert.Equal("Kungsgatan 1", charge.GetProperty("billing_details").GetProperty("address").GetProperty("line1").GetString());
    }
}
