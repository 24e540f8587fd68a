using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Recipes;
using Storefront.Payments.Orders;
using Storefront.Payments.Promotions;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>Stripe Tax switched on (prices with or without tax) and off, and promotion codes carried by recipes both ways.</summary>
public sealed class TaxAndPromotionRecipeTests
{
    private static readonly Dictionary<string, string> GermanBuyer = new()
    {
        ["address_line1"] = "Hauptstraße 5", ["address_city"] = "Berlin", ["address_postal_code"] = "10115", ["address_country"] = "DE",
    };

    [Theory]
    [InlineData(Db.Sqlite, "off", 551L, 3451L)]
    [InlineData(Db.Postgres, "off", 551L, 3451L)]
    [InlineData(Db.Sqlite, "on", 463L, 2900L)]
    [InlineData(Db.Postgres, "on", 463L, 2900L)]
    public async Task WithTaxOnStripeTaxComputesTheTaxFromTheBillingCountryAndTheOrderStoresIt(Db db, string inclusive, long tax, long total)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: new Dictionary<string, string?>
        {
            ["Tax:Enabled"] = "on", ["Tax:PricesIncludeTax"] = inclusive,
        });

        await shop.BuyAsync("steuer@example.com", "Steuer Zahler", fields: GermanBuyer);

        var session = JsonNode.Parse(shop.LastEvent("checkout.session.completed"))!["data"]!["object"]!;
        Assert.True(session["automatic_tax"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("required", session["billing_address_collection"]!.GetValue<string>());
        Assert.True(session["tax_id_collection"]!["enabled"]!.GetValue<bool>());
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal((OrderStatus.Paid, 2900L, tax, total), (order.Status, order.AmountSubtotal, order.AmountTax, order.AmountTotal));
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task WithTaxOffCheckoutAsksForNoTaxAndChargesTheListPrice(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);

        await shop.BuyAsync("plain@example.com", "Plain");

        var session = JsonNode.Parse(shop.LastEvent("checkout.session.completed"))!["data"]!["object"]!;
        Assert.False(session["automatic_tax"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("auto", session["billing_address_collection"]!.GetValue<string>());
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal((OrderStatus.Paid, 0L, 2900L, null), (order.Status, order.AmountTax, order.AmountTotal, order.PromotionCode));
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task PromotionCodesRoundTripThroughRecipesMatchedByCode(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        using var folder = new TempFolder();
        var recipe = new TestRecipe().Step(Promotions(
            new JsonObject { ["code"] = "Launch", ["percentOff"] = 15, ["expires"] = "2099-06-30T12:00:00Z", ["maxRedemptions"] = 100 },
            new JsonObject { ["code"] = "GUIDE-5", ["amountOff"] = 500, ["currency"] = "usd", ["products"] = new JsonArray("field-guide"), ["oncePerCustomer"] = true },
            new JsonObject { ["code"] = "OLD", ["percentOff"] = 50, ["expires"] = "2020-01-01T00:00:00Z", ["active"] = false })).WriteTo(folder.Path);

        var first = await shop.App.ImportAsync(recipe);
        var second = await shop.App.ImportAsync(recipe);
        var coupons = shop.Stripe.State.CouponCount;
        var exported = await ExportAsync(shop.App, folder.Path);
        await using var other = await ShopWithStripe.StartAsync(db);
        await other.App.ImportAsync(exported);

        Assert.Equal((3, 0), (first.Changes, second.Changes));
        Assert.Equal(2, coupons);
        var codes = await shop.App.WithDbAsync(d => d.Set<PromotionCode>().OrderBy(p => p.NormalizedCode).ToListAsync());
        Assert.Equal(["GUIDE-5", "LAUNCH", "OLD"], codes.Select(c => c.NormalizedCode));
        Assert.Null(codes[2].StripePromotionCodeId);
        Assert.NotNull(codes[2].DeactivatedAt);
        var step = JsonNode.Parse(File.ReadAllText(exported))!["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "promotions")!;
        Assert.Equal(3, step["promotions"]!.AsArray().Count);
        var copied = await other.App.WithDbAsync(d => d.Set<PromotionCode>().OrderBy(p => p.NormalizedCode).ToListAsync());
        Assert.Equal(codes.Select(Describe), copied.Select(Describe));
        Assert.Equal(2, other.Stripe.State.CouponCount);
        shop.App.Logs.AssertNoErrors();
        other.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ABadPromotionsStepIsRefusedWholeNamingTheStepAndField()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        using var folder = new TempFolder();
        var recipe = new TestRecipe().Step(Promotions(
            new JsonObject { ["code"] = "FINE", ["percentOff"] = 10 },
            new JsonObject { ["code"] = "HUGE", ["percentOff"] = 150 },
            new JsonObject { ["code"] = "NOCUR", ["amountOff"] = 500 },
            new JsonObject { ["code"] = "fine", ["percentOff"] = 5 })).WriteTo(folder.Path);

        var refused = await Assert.ThrowsAsync<RecipeException>(() => shop.App.ImportAsync(recipe));

        Assert.Contains(refused.Errors, e => e.StartsWith("step 1 ('promotions'), field 'promotions[1].percentOff'", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.StartsWith("step 1 ('promotions'), field 'promotions[2].currency'", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.Contains("'promotions[3].code'") && e.Contains("listed twice"));
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<PromotionCode>().CountAsync()));
        Assert.Equal(0, shop.Stripe.State.CouponCount);
    }

    private static JsonObject Promotions(params JsonObject[] items) => new() { ["name"] = "promotions", ["promotions"] = new JsonArray(items) };

    private static string Describe(PromotionCode c) =>
        $"{c.NormalizedCode} {c.Kind} {c.Value} {c.Currency} {c.ExpiresAt:O} {c.MaxRedemptions} {c.OncePerCustomer} {c.DeactivatedAt is null} {c.Products.Count}";

    private static async Task<string> ExportAsync(StorefrontApp app, string folder)
    {
        var path = Path.Combine(folder, "export", "recipe.json");
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RecipeExporter>().ExportAsync(path);
        return path;
    }
}
