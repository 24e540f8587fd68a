using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Library;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Browser;

/// <summary>
/// A cart of three products with a shared link's promotion code and Stripe Tax on, in real Chromium through the emulator's
/// hosted page: the success page, the receipt, the library and the invoice all state the same lines and the same total.
/// </summary>
public sealed partial class CartBrowserTests : BrowserTest
{
    [Fact]
    public async Task ACartOfThreeWithACodeAndTaxIsPaidAndEveryDocumentAgreesToTheCent()
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?> { ["Tax:Enabled"] = "on" });
        using (var recipe = new TempFolder())
        {
            await shop.App.ImportAsync(new TestRecipe()
                .Products(TestRecipe.Product("atlas", "Atlas of Buses", price: 1500), TestRecipe.Product("primer", "Primer", price: 999))
                .Step(new JsonObject
                {
                    ["name"] = "promotions",
                    ["promotions"] = new JsonArray(new JsonObject { ["code"] = "LAUNCH", ["percentOff"] = 10 }),
                }).WriteTo(recipe.Path));
        }

        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shop.App.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync("/products/field-guide?code=LAUNCH");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Code LAUNCH applied");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        foreach (var slug in new[] { "atlas", "primer" })
        {
            await page.GotoAsync($"/products/{slug}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        }

        Assert.Equal("Your cart", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.Equal(3, await page.Locator("table.cart__lines tbody tr").CountAsync());
        await Assertions.Expect(page.GetByLabel("Promotion code (optional)")).ToHaveValueAsync("LAUNCH");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = PayButton() }).ClickAsync();

        await page.GetByLabel("Email").FillAsync("cart@example.com");
        await page.GetByLabel("Full name").FillAsync("Clara Cart");
        await page.GetByLabel("Address line 1").FillAsync("Hauptstraße 5");
        await page.GetByLabel("City").FillAsync("Berlin");
        await page.GetByLabel("Postal code").FillAsync("10115");
        await page.GetByLabel("Country (two-letter code)").FillAsync("DE");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = PayButton() }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(SuccessPage(), new() { Timeout = 90_000 });

        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        var lines = await shop.App.WithDbAsync(d => d.Set<OrderLine>().Where(l => l.OrderId == order.Id).OrderBy(l => l.Position).ToListAsync());
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(3, lines.Count);
        Assert.True(order.AmountDiscount > 0 && order.AmountTax > 0, "the code and the tax both applied");
        Assert.Equal(5399L, order.AmountSubtotal);
        Assert.Equal(order.AmountTotal, order.AmountSubtotal - order.AmountDiscount + order.AmountTax);
        Assert.Equal(order.AmountTotal, lines.Sum(l => l.AmountTotal));
        Assert.Equal(order.AmountDiscount, lines.Sum(l => l.AmountDiscount));
        Assert.Equal(order.AmountTax, lines.Sum(l => l.AmountTax));
        var total = Dollars(order.AmountTotal!.Value);

        var success = await page.Locator("table.order-lines").InnerTextAsync();
        Assert.Contains("Atlas of Buses", success);
        Assert.Contains(total, success);
        Assert.Equal(3, await page.GetByRole(AriaRole.Link, new() { NameRegex = DownloadLink() }).CountAsync());

        await shop.WaitForOutboxAsync(1);
        var receipt = Eml.Text(await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(shop.App.Folder.File("mail"), "receipt*.eml"))));
        Assert.Contains($"You paid {total}.", receipt);
        Assert.Contains($"Discount: −{Dollars(order.AmountDiscount!.Value)}", receipt);
        Assert.Contains($"Tax: {Dollars(order.AmountTax!.Value)}", receipt);
        Assert.Contains($"Total: {total}", receipt);

        var invoice = await InvoiceFiles.TextAsync(await InvoiceFiles.DownloadAsync(shop.App, order.Number), "-layout");
        Assert.Matches(@"Primer\s+\$9\.99", invoice);
        Assert.Matches($@"Total \(USD\)\s+{Regex.Escape(total.TrimStart('$'))} USD", invoice);

        using var library = new LibraryVisitor(shop.App);
        await library.SignInAsync("cart@example.com");
        var shelf = await library.Client.GetStringAsync("/library");
        Assert.Contains(total, shelf);
        Assert.All(["Field Guide", "Atlas of Buses", "Primer"], title => Assert.Contains(title, System.Net.WebUtility.HtmlDecode(shelf)));

        Assert.Empty(errors);
        shop.App.Logs.AssertNoErrors();
    }

    private static string Dollars(long cents) => "$" + (cents / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);

    [GeneratedRegex("^Pay ")]
    private static partial Regex PayButton();

    [GeneratedRegex("^Download ")]
    private static partial Regex DownloadLink();

    [GeneratedRegex(@"/checkout/success\?session_id=")]
    private static partial Regex SuccessPage();
}
