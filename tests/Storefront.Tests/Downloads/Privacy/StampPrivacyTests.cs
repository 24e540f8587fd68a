using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Privacy;
using Storefront.Downloads.Tracing;
using Storefront.Tests.Downloads.Trace;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Downloads.Privacy;

/// <summary>
/// What the visible stamp shows follows the shop's option and the product's, read back with pdftotext from copies bought
/// in a real shop; the fingerprint and the document ID still trace every option's copy to its order.
/// </summary>
public sealed class StampPrivacyTests
{
    private const string Buyer = "leaker@example.com";

    [Theory]
    [InlineData(Db.Sqlite, "NameAndCode")]
    [InlineData(Db.Sqlite, "NameAndEmail")]
    [InlineData(Db.Sqlite, "CodeOnly")]
    [InlineData(Db.Postgres, "NameAndCode")]
    [InlineData(Db.Postgres, "CodeOnly")]
    public async Task EachShopOptionStampsItsVisibleLineAndTheCopyStillTracesToItsOrder(Db db, string option)
    {
        await using var leak = await LeakedCopy.BoughtAsync(db, overrides: new Dictionary<string, string?> { ["Downloads:Stamping:Privacy"] = option });
        var entitlement = await leak.EntitlementOfAsync(Buyer);

        var pages = await PdfTools.PageTextsAsync(leak.Copy);

        Assert.Equal(4, pages.Count);
        Assert.All(pages, page => AssertShows(page, Enum.Parse<StampPrivacy>(option), entitlement.OrderNumber, entitlement.LicenseCode));
        var traced = await leak.TraceAsync(leak.Copy);
        Assert.Equal((entitlement.Id, EvidenceStrength.Strong), (traced.Copy?.EntitlementId, traced.Strength));
        var byId = await leak.TraceAsync(await leak.WithOnlyItsDocumentIdAsync());
        Assert.Equal(entitlement.Id, byId.Copy?.EntitlementId);
        Assert.Equal("document ID in the trailer /ID + licence code", LeakedCopy.Survivors(byId));
        leak.Shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheShopsOptionChangedInTheAdminStampsTheNextCopyWithoutARestart()
    {
        await using var leak = await LeakedCopy.BoughtAsync(Db.Sqlite);
        var first = await leak.EntitlementOfAsync(Buyer);
        Assert.All(await PdfTools.PageTextsAsync(leak.Copy), page => AssertShows(page, StampPrivacy.NameAndCode, first.OrderNumber, first.LicenseCode));

        using var admin = await AdminSession.SignInAsync(leak.Shop.App);
        Assert.Contains("Saved: ", await Settings.SettingsStore.SaveAsync(admin, ("Form.StampPrivacy", "CodeOnly")));
        var copy = await leak.BuyAndDownloadAsync("second@example.com", "Sam Second");

        var second = await leak.EntitlementOfAsync("second@example.com");
        Assert.All(await PdfTools.PageTextsAsync(copy), page => AssertShows(page, StampPrivacy.CodeOnly, second.OrderNumber, second.LicenseCode, "Sam Second", "second@example.com"));
        Assert.Equal(second.Id, (await leak.TraceAsync(copy)).Copy?.EntitlementId);
        leak.Shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AProductsOwnOptionWinsOverTheShopsAndRecipesCarryIt(Db db)
    {
        await using var leak = await LeakedCopy.BoughtAsync(db, overrides: new Dictionary<string, string?> { ["Downloads:Stamping:Privacy"] = "CodeOnly" });
        var first = await leak.EntitlementOfAsync(Buyer);
        Assert.All(await PdfTools.PageTextsAsync(leak.Copy), page => AssertShows(page, StampPrivacy.CodeOnly, first.OrderNumber, first.LicenseCode));

        using var recipe = new TempFolder();
        var guide = TestRecipe.Product("field-guide", "Field Guide", price: 2900);
        guide["downloadUses"] = 3;
        guide["stampShows"] = "nameAndEmail";
        await leak.Shop.App.ImportAsync(new TestRecipe().Products(guide).WriteTo(recipe.Path));
        var copy = await leak.BuyAndDownloadAsync("second@example.com", "Sam Second");
        var second = await leak.EntitlementOfAsync("second@example.com");
        Assert.All(await PdfTools.PageTextsAsync(copy), page => AssertShows(page, StampPrivacy.NameAndEmail, second.OrderNumber, second.LicenseCode, "Sam Second", "second@example.com"));
        Assert.Equal(second.Id, (await leak.TraceAsync(copy)).Copy?.EntitlementId);

        using var export = new TempFolder();
        var run = await leak.Shop.App.RunCliAsync("recipe", "export", export.File("shop.recipe.json"));
        Assert.True(run.ExitCode == 0, run.All);
        var products = JsonNode.Parse(await File.ReadAllTextAsync(export.File("shop.recipe.json")))!["steps"]!.AsArray()
            .Single(s => (string?)s!["name"] == "products")!["products"]!.AsArray();
        Assert.Equal("nameAndEmail", (string?)Assert.Single(products)!["stampShows"]);
        await using var target = await StorefrontApp.StartAsync(db);
        await target.ImportAsync(export.File("shop.recipe.json"));
        Assert.Equal(StampPrivacy.NameAndEmail, await target.WithDbAsync(d => d.Set<Product>().Select(p => p.StampPrivacy).SingleAsync()));

        var bad = TestRecipe.Product("field-guide", "Field Guide");
        bad["stampShows"] = "everything";
        using var badRecipe = new TempFolder();
        var refused = await target.RunCliAsync("recipe", "import", new TestRecipe().Products(bad).WriteTo(badRecipe.Path));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("stampShows", refused.All);
        Assert.Contains("'nameAndCode', 'nameAndEmail', 'codeOnly'", refused.All);
        Assert.Equal(StampPrivacy.NameAndEmail, await target.WithDbAsync(d => d.Set<Product>().Select(p => p.StampPrivacy).SingleAsync()));
    }

    [Fact]
    public async Task TheProductFormSetsWhatTheStampShowsAndTheHistoryNamesTheChange()
    {
        await using var app = await StorefrontApp.StartAsync();
        var shop = await Storefront.Tests.Catalog.Versions.VersionedShop.ForAsync(app);
        var product = await shop.ProductAsync();

        Storefront.Tests.Admin.AdminRequests.SavedId(await shop.SaveAsync(product, ("StampShows", "CodeOnly")));

        Assert.Equal(StampPrivacy.CodeOnly, (await shop.ProductAsync()).StampPrivacy);
        Assert.Contains("stamp", (await shop.VersionsAsync(product.Id))[^1].Changes);
        var html = await shop.Editor.Client.GetStringAsync($"/admin/products/{product.Id}");
        Assert.Contains("<option value=\"CodeOnly\" selected=\"selected\">", html);
        Storefront.Tests.Admin.AdminRequests.SavedId(await shop.SaveAsync(await shop.ProductAsync(), ("StampShows", "")));
        Assert.Null((await shop.ProductAsync()).StampPrivacy);
        app.Logs.AssertNoErrors();
    }

    internal static void AssertShows(string page, StampPrivacy option, long order, string code, string name = "Lee Leaker", string email = Buyer)
    {
        var text = string.Join(' ', page.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"Order {order}", text);
        Assert.Contains(code, text);
        Assert.Equal(option != StampPrivacy.CodeOnly, text.Contains("Licensed to " + name, StringComparison.Ordinal));
        Assert.Equal(option == StampPrivacy.NameAndEmail, text.Contains(email, StringComparison.Ordinal));
    }
}
