using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Licensing.Data;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Library;

namespace Storefront.Tests.Licensing;

/// <summary>A paid line of a product that issues keys gets one, and the buyer finds it wherever the purchase is shown.</summary>
public sealed class LicenseIssueTests
{
    private const string Buyer = "keys@example.com";

    [Fact]
    public async Task APaidLineGetsOneKeyShownOnTheSuccessPageTheReceiptTheLibraryAndTheInvoice()
    {
        await using var shop = await LicensedShop.StartAsync();

        var (purchase, key) = await shop.BuyAsync(Buyer);
        await shop.Shop.WaitForOutboxDrainedAsync();

        var order = await shop.App.WithDbAsync(d => d.Set<Order>().AsNoTracking().SingleAsync());
        var line = await shop.App.WithDbAsync(d => d.Set<OrderLine>().AsNoTracking().SingleAsync());
        Assert.Equal((line.Id, order.Id, order.Number), (key.LineId, key.OrderId, key.OrderNumber));
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$", key.Key);
        Assert.Equal([key.Key], LicensedShop.KeysIn(purchase.Page));
        Assert.Contains("Your licence key", purchase.Page);

        var receipt = Eml.Text(await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(shop.App.Folder.File("mail"), "receipt.*.eml"))));
        Assert.Contains($"Field Guide: {key.Key}", receipt);
        Assert.Contains($"<code style=\"font-size:16px;\">{key.Key}</code>", receipt);

        using var visitor = new LibraryVisitor(shop.App);
        await visitor.SignInAsync(Buyer);
        Assert.Equal([key.Key], LicensedShop.KeysIn(await visitor.LibraryAsync()));

        var invoice = await InvoiceFiles.TextAsync(await InvoiceFiles.DownloadAsync(shop.App, order.Number));
        Assert.Contains("Licence key", invoice);
        Assert.Contains($"Field Guide: {key.Key}", invoice);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task EveryPurchaseGetsItsOwnKeyAndAProductThatIssuesNoneShowsNone()
    {
        await using var shop = await LicensedShop.StartAsync();
        using var recipe = new TempFolder();
        await shop.App.ImportAsync(new TestRecipe().Products(TestRecipe.Product("plain-book", "Plain Book"))
            .Step(new JsonObject
            {
                ["name"] = "licenses",
                ["licenses"] = new JsonArray(new JsonObject { ["product"] = "plain-book", ["issuesKeys"] = false, ["activationLimit"] = 1 }),
            }).WriteTo(recipe.Path));

        var first = await shop.Shop.BuyAsync(Buyer, "One");
        var second = await shop.Shop.BuyAsync(Buyer, "Two");
        var plain = await shop.Shop.BuyAsync(Buyer, "Three", slug: "plain-book");

        var keys = await shop.App.WithDbAsync(d => d.Set<LicenseKey>().AsNoTracking().OrderBy(k => k.OrderNumber).ToListAsync());
        Assert.Equal(2, keys.Count);
        Assert.NotEqual(keys[0].Key, keys[1].Key);
        Assert.Equal([keys[0].Key], LicensedShop.KeysIn(first.Page));
        Assert.Equal([keys[1].Key], LicensedShop.KeysIn(second.Page));
        Assert.Empty(LicensedShop.KeysIn(plain.Page));
        Assert.DoesNotContain("licence key", plain.Page, StringComparison.OrdinalIgnoreCase);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task WithTheLicensingModuleOffPurchasesWorkAndNoKeyIsShown()
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?> { ["Modules:Licensing:Enabled"] = "false" });
        using var client = shop.App.CreateHttpClient();

        var purchase = await shop.BuyAsync(Buyer, "No Keys");

        Assert.Single(ShopWithStripe.DownloadLinks(purchase.Page));
        Assert.DoesNotContain("licence key", purchase.Page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(System.Net.HttpStatusCode.NotFound,
            (await client.PostAsync("/api/licenses/verify", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        shop.App.Logs.AssertNoErrors();
    }
}
