using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// What an invoice says about the sale, from what Stripe (here its emulator, through the real hosted page and webhook)
/// reported: the buyer's billing address and tax id when Checkout collected them, discounts and tax, the payment method,
/// amounts in the currency's own decimals, and long text wrapped within the page.
/// </summary>
public sealed class InvoiceDetailsTests
{
    private static readonly Dictionary<string, string?> Collecting = new()
    {
        ["Invoices:BillingAddressCollection"] = "required",
        ["Invoices:TaxIdCollection"] = "on",
        ["Seller:Name"] = "Field Guides GmbH",
        ["Seller:VatId"] = "DE999999999",
    };

    private static readonly Dictionary<string, string> BusinessBuyer = new()
    {
        ["address_line1"] = "Hauptstraße 5",
        ["address_line2"] = "Hinterhaus",
        ["address_city"] = "Berlin",
        ["address_postal_code"] = "10115",
        ["address_country"] = "DE",
        ["business_name"] = "Müller Technik GmbH",
        ["tax_id"] = "DE123456789",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheBuyersAddressAndVatIdCollectedAtCheckoutAreOnTheInvoiceWithTheCardPaidWith(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: Collecting);

        await shop.BuyAsync("anna@example.com", "Anna Müller", fields: BusinessBuyer);

        var details = JsonNode.Parse(shop.LastEvent("checkout.session.completed"))!["data"]!["object"]!;
        Assert.Equal("required", details["billing_address_collection"]!.GetValue<string>());
        Assert.True(details["tax_id_collection"]!["enabled"]!.GetValue<bool>());
        var customer = details["customer_details"]!;
        Assert.Equal("Hauptstraße 5", customer["address"]!["line1"]!.GetValue<string>());
        Assert.Equal("DE", customer["address"]!["country"]!.GetValue<string>());
        Assert.Equal(("eu_vat", "DE123456789"), (customer["tax_ids"]![0]!["type"]!.GetValue<string>(), customer["tax_ids"]![0]!["value"]!.GetValue<string>()));
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal("Müller Technik GmbH\nHauptstraße 5\nHinterhaus\n10115 Berlin\nGermany", order.BuyerAddress);
        Assert.Equal("eu_vat DE123456789", order.BuyerTaxIds);
        Assert.Equal("Visa •••• 4242", order.PaymentMethod);
        using (var admin = await AdminSession.SignInAsync(shop.App))
        {
            var page = await admin.GetStringAsync($"/admin/orders/{order.Number}");
            Assert.Contains("<span>Hauptstraße 5</span><br />", System.Net.WebUtility.HtmlDecode(page));
            Assert.Contains("eu_vat DE123456789", page);
            Assert.Contains("Visa •••• 4242", System.Net.WebUtility.HtmlDecode(page));
        }


        var text = await InvoiceFiles.TextAsync(await InvoiceFiles.DownloadAsync(shop.App, order.Number));
        foreach (var expected in new[]
        {
            "Anna Müller", "Müller Technik GmbH", "Hauptstraße 5", "Hinterhaus", "10115 Berlin", "Germany", "VAT id: DE123456789",
            "anna@example.com", "Field Guides GmbH", "VAT id: DE999999999", "Payment method: Visa •••• 4242", "Total (USD)", "29.00 USD",
        })
        {
            Assert.Contains(expected, text);
        }

        Assert.DoesNotContain("Discount", text);
        Assert.DoesNotContain("Tax ", text);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task WhenCheckoutCollectedNoAddressOrTaxIdTheInvoiceHasNone(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);

        await shop.BuyAsync("plain@example.com", "Plain Buyer");

        var session = JsonNode.Parse(shop.LastEvent("checkout.session.completed"))!["data"]!["object"]!;
        Assert.Equal("auto", session["billing_address_collection"]!.GetValue<string>());
        Assert.False(session["tax_id_collection"]!["enabled"]!.GetValue<bool>());
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Null(order.BuyerAddress);
        Assert.Null(order.BuyerTaxIds);
        var text = await InvoiceFiles.TextAsync(await InvoiceFiles.DownloadAsync(shop.App, order.Number));
        Assert.Contains("Plain Buyer", text);
        Assert.DoesNotContain("VAT id", text);
        Assert.DoesNotContain("Tax id", text);
        Assert.Contains("Payment method: Visa •••• 4242", text);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ADiscountAndTaxStripeReportedArePrintedAsLinesAndTheTotalIsWhatWasCharged(Db db)
    {
        // A $5 code and Stripe Tax on exclusive prices, for a buyer in Germany (19 %): 29.00 − 5.00 + 4.56 = 28.56.
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: new Dictionary<string, string?> { ["Tax:Enabled"] = "on" });
        using (var recipe = new TempFolder())
        {
            await shop.App.ImportAsync(new TestRecipe().Step(new JsonObject
            {
                ["name"] = "promotions",
                ["promotions"] = new JsonArray(new JsonObject { ["code"] = "DEAL-5", ["amountOff"] = 500, ["currency"] = "usd" }),
            }).WriteTo(recipe.Path));
        }

        await shop.BuyAsync("deal@example.com", "Deal Hunter", productQuery: "?code=DEAL-5", fields: new Dictionary<string, string>
        {
            ["address_line1"] = "Hauptstraße 5", ["address_city"] = "Berlin", ["address_postal_code"] = "10115", ["address_country"] = "DE",
        });

        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal((OrderStatus.Paid, 2900L, 500L, 456L, 2856L), (order.Status, order.AmountSubtotal, order.AmountDiscount, order.AmountTax, order.AmountTotal));
        var text = await InvoiceFiles.TextAsync(await InvoiceFiles.DownloadAsync(shop.App, order.Number), "-layout");
        Assert.Matches(@"Subtotal\s+\$29\.00", text);
        Assert.Matches(@"Discount\s+−\$5\.00", text);
        Assert.Matches(@"Tax\s+\$4\.56", text);
        Assert.Matches(@"Total \(USD\)\s+28\.56 USD", text);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ABankDebitThatSettledIsNamedAsSuchOnTheInvoice()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        var purchase = await shop.BuyAsync("bank@example.com", "Bank Payer", action: "delayed", openSuccessPage: false);

        await shop.StripeApiAsync($"/v1/test_helpers/checkout/sessions/{purchase.SessionId}/settle", ("outcome", "succeeded"));

        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal(OrderStatus.Paid, order.Status);
        var text = await InvoiceFiles.TextAsync(await InvoiceFiles.DownloadAsync(shop.App, order.Number));
        Assert.Contains("Payment method: US bank account (STRIPE TEST BANK) •••• 6789", text);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("jpy", 2900L, "¥2,900", "2,900 JPY")]
    [InlineData("bhd", 29500L, "29.500 BHD", "29.500 BHD")]
    [InlineData("eur", 123456L, "€1,234.56", "1,234.56 EUR")]
    public async Task AmountsAreWrittenInTheCurrencysOwnDecimalsWithItsCode(string currency, long price, string line, string total)
    {
        await using var shop = await ShopWithStripe.StartAsync();
        using var folder = new TempFolder();
        await shop.App.ImportAsync(new TestRecipe().Products(TestRecipe.Product("priced", "Priced Guide", price, currency)).WriteTo(folder.Path));

        await shop.BuyAsync("money@example.com", "Money Buyer", slug: "priced");

        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        var text = await InvoiceFiles.TextAsync(await InvoiceFiles.DownloadAsync(shop.App, order.Number), "-layout");
        Assert.Matches($@"Priced Guide\s+{System.Text.RegularExpressions.Regex.Escape(line)}", text);
        Assert.Matches($@"Total \({currency.ToUpperInvariant()}\)\s+{System.Text.RegularExpressions.Regex.Escape(total)}", text);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ALongTitleAndALongUnicodeNameAndAddressWrapWithinThePageWithEveryWordKept(Db db)
    {
        const string name = "Zoë Ångström-Øvergaard 李小龍 Σωκράτης Достоевский-Толстой Maximiliane-Konstanze von Hohenzollern-Sigmaringen";
        var title = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"Part{i:00}")).PadRight(200, 'x')[..200];
        var address = new Dictionary<string, string>(BusinessBuyer)
        {
            ["address_line1"] = "Unter den Linden 77, Eingang über den Hof links, dritter Stock, Tür gegenüber dem Aufzug, bei Ångström klingeln",
            ["business_name"] = "Ångström-Øvergaard Wissenschaftliche Verlagsgesellschaft für Naturkunde und Geschichte mbH & Co. KG",
        };
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: Collecting);
        using var folder = new TempFolder();
        await shop.App.ImportAsync(new TestRecipe().Products(TestRecipe.Product("long", title)).WriteTo(folder.Path));

        await shop.BuyAsync("zoe@example.com", name, slug: "long", fields: address);

        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        var pdf = await InvoiceFiles.DownloadAsync(shop.App, order.Number);
        var words = await InvoiceFiles.WordsAsync(pdf);
        Assert.All(words, w => Assert.InRange(w.XMax, 0, InvoiceFiles.PageWidth - 40));
        var layout = await InvoiceFiles.TextAsync(pdf, "-layout");
        Assert.All(layout.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 110, $"Runs off the page: {line}"));
        var text = string.Join(' ', words.Select(w => w.Word));
        foreach (var word in $"{title} {name} {address["address_line1"]} {address["business_name"]}".Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // A word too wide for a line is cut, which pdftotext reads as two words; none of these is that wide.
            Assert.Contains(word.TrimEnd(','), text);
        }

        Assert.Contains("李小龍", text);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task InvoiceSettingsSavedInTheAdminReachTheNextCheckoutAndABadValueIsRefusedByName()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        using var admin = await AdminSession.SignInAsync(shop.App);

        var refused = await (await Admin.AdminForms.PostAsync(admin, "/admin/settings", "/admin/settings",
            Settings.SettingsStore.Fields(("Form.BillingAddressCollection", "sometimes"), ("Form.SellerVatId", "DE<script>")))).Content.ReadAsStringAsync();
        var saved = await Settings.SettingsStore.SaveAsync(admin,
            ("Form.BillingAddressCollection", "required"), ("Form.TaxIdCollection", "on"), ("Form.SellerVatId", "DE 123/456.789-0"));
        await shop.BuyAsync("typed@example.com", "Typed Settings", fields: BusinessBuyer);

        Assert.Contains("Choose auto or required.", refused);
        Assert.Contains("The VAT id can be at most 50 letters", refused);
        Assert.Contains("Saved: ", saved);
        var session = JsonNode.Parse(shop.LastEvent("checkout.session.completed"))!["data"]!["object"]!;
        Assert.Equal("required", session["billing_address_collection"]!.GetValue<string>());
        Assert.True(session["tax_id_collection"]!["enabled"]!.GetValue<bool>());
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Contains("VAT id: DE 123/456.789-0", await InvoiceFiles.TextAsync(await InvoiceFiles.DownloadAsync(shop.App, order.Number)));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task WithoutItsFontsTheInvoiceIsRefusedWithTheMissingPackageNamedNotA500()
    {
        using var empty = new TempFolder("storefront-no-fonts");
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?> { ["Invoices:FontFolder"] = empty.Path });
        await shop.BuyAsync("nofonts@example.com", "No Fonts");
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        using var admin = await AdminSession.SignInAsync(shop.App);

        var response = await admin.GetAsync($"/admin/orders/{order.Number}/invoice");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("fonts-dejavu-core", await response.Content.ReadAsStringAsync());
        Assert.Contains(shop.App.Logs.Warnings, w => w.Contains("fonts-dejavu-core", StringComparison.Ordinal));
        shop.App.Logs.AssertNoErrors();
    }
}
