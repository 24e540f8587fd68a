using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Events;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Selling;

public sealed class BundleTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ABundlePurchaseGrantsEachProductInsideWithItsOwnStampAndAFullRefundRevokesThemAll(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        // The bundle comes first in the file: its contents are resolved once the whole step is read.
        await SellingShop.ImportAsync(shop.App, SellingShop.Bundle("kit", "The Kit", "alpha", "beta"),
            TestRecipe.Product("alpha", "Alpha"), TestRecipe.Product("beta", "Beta"));
        var page = await shop.App.CreateHttpClient().GetStringAsync("/products/kit");
        Assert.Contains("Inside this bundle", page);
        Assert.Contains("<a href=\"/products/alpha\">Alpha</a>", page);

        var purchase = await shop.BuyAsync("kim@example.com", "Kim Bundler", slug: "kit");

        var links = ShopWithStripe.DownloadLinks(purchase.Page);
        Assert.Equal(2, links.Count);
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        var kit = await SellingShop.ProductIdAsync(shop.App, "kit");
        var granted = await shop.App.WithDbAsync(d => d.Set<Entitlement>().OrderBy(e => e.ProductTitle).ToListAsync());
        Assert.Equal(["Alpha", "Beta"], granted.Select(e => e.ProductTitle));
        Assert.All(granted, e => Assert.Equal(kit, e.ViaProductId));
        Assert.All(granted, e => Assert.Equal(3, e.UsesAllowed));
        using var client = shop.App.CreateHttpClient();
        var codes = new List<string>();
        foreach (var link in links)
        {
            var response = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = string.Join("\n", await PdfTools.PageTextsAsync(await response.Content.ReadAsByteArrayAsync()));
            Assert.Contains("Kim Bundler", text);
            Assert.Contains($"Order {order.Number}", text);
            codes.Add(Assert.Single(granted, e => text.Contains(e.LicenseCode)).LicenseCode);
        }

        Assert.Equal(2, codes.Distinct().Count());

        await shop.StripeApiAsync("/v1/test_helpers/refunds", ("payment_intent", order.PaymentIntentId!));
        await shop.WaitForDeliveryAsync("charge.refunded");

        await Eventually.HoldsAsync(async () => await shop.App.WithDbAsync(d => d.Set<Entitlement>().AllAsync(e => e.Status == EntitlementStatus.Revoked)),
            "Every product of the refunded bundle revoked");
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task APartialRefundOfABundleLineRevokesWhatTheBundleGrantedAndNothingElse(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        await SellingShop.ImportAsync(app, TestRecipe.Product("alpha", "Alpha"), TestRecipe.Product("beta", "Beta"), TestRecipe.Product("gamma", "Gamma"),
            SellingShop.Bundle("kit", "The Kit", "alpha", "beta"));
        var (kit, alpha, gamma) = (await SellingShop.ProductIdAsync(app, "kit"), await SellingShop.ProductIdAsync(app, "alpha"),
            await SellingShop.ProductIdAsync(app, "gamma"));
        var orderId = Guid.CreateVersion7();
        PaidLine kitLine = new(Guid.CreateVersion7(), kit, "The Kit"), alphaLine = new(Guid.CreateVersion7(), alpha, "Alpha"),
            gammaLine = new(Guid.CreateVersion7(), gamma, "Gamma");

        // Alpha is bought alone and inside the kit: it is granted once.
        await SellingShop.PublishAsync(app, new OrderPaid(orderId, 7001, [kitLine, alphaLine, gammaLine], "mix@example.com", "Mix"));
        Assert.Equal(["Alpha", "Beta", "Gamma"], await app.WithDbAsync(d => d.Set<Entitlement>().OrderBy(e => e.ProductTitle).Select(e => e.ProductTitle).ToListAsync()));

        await SellingShop.PublishAsync(app, new OrderLinesRefunded(orderId, 7001, [kitLine]));

        var states = await app.WithDbAsync(d => d.Set<Entitlement>().ToDictionaryAsync(e => e.ProductTitle, e => e.Status));
        Assert.Equal(EntitlementStatus.Revoked, states["Alpha"]);
        Assert.Equal(EntitlementStatus.Revoked, states["Beta"]);
        Assert.Equal(EntitlementStatus.Active, states["Gamma"]);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ABundleWithAFileOfItsOwnGrantsItselfAndUnfoldsABundleInside()
    {
        await using var app = await StorefrontApp.StartAsync();
        var box = TestRecipe.Product("box", "Box Set");
        box["bundle"] = new System.Text.Json.Nodes.JsonArray("kit", "gamma");
        await SellingShop.ImportAsync(app, box, SellingShop.Bundle("kit", "The Kit", "alpha", "beta"), TestRecipe.Product("alpha", "Alpha"),
            TestRecipe.Product("beta", "Beta"), TestRecipe.Product("gamma", "Gamma"));

        await SellingShop.PublishAsync(app, new OrderPaid(Guid.CreateVersion7(), 7002,
            [new PaidLine(Guid.CreateVersion7(), await SellingShop.ProductIdAsync(app, "box"), "Box Set")], "box@example.com", null));

        Assert.Equal(["Alpha", "Beta", "Box Set", "Gamma"],
            await app.WithDbAsync(d => d.Set<Entitlement>().OrderBy(e => e.ProductTitle).Select(e => e.ProductTitle).ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheAdminRefusesABundleThatContainsItselfACycleOrAnArchivedProductAndSavesNothing(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        await SellingShop.ImportAsync(app, TestRecipe.Product("alpha", "Alpha"), TestRecipe.Product("beta", "Beta"),
            SellingShop.Bundle("kit", "The Kit", "alpha"), SellingShop.Bundle("crate", "The Crate", "kit"));
        var editor = await Admin.SignedInEditor.CreateAsync(app);
        var (alpha, kit, crate) = (await SellingShop.ProductIdAsync(app, "alpha"), await SellingShop.ProductIdAsync(app, "kit"),
            await SellingShop.ProductIdAsync(app, "crate"));

        var itself = await SaveBundleAsync(editor, kit, "The Kit", "kit", kit);
        var cycle = await SaveBundleAsync(editor, alpha, "Alpha", "alpha", crate);
        await app.WithDbAsync(d => d.Set<Product>().Where(p => p.Slug == "beta").ExecuteUpdateAsync(s => s.SetProperty(p => p.ArchivedAt, DateTime.UtcNow)));
        var archived = await SaveBundleAsync(editor, kit, "The Kit", "kit", alpha, await SellingShop.ProductIdAsync(app, "beta"));

        Assert.Contains("A bundle cannot contain itself.", itself);
        Assert.Contains("A bundle cannot contain a bundle that contains it: “Alpha” → “The Crate” → “The Kit” → “Alpha”.", cycle);
        Assert.Contains("“Beta” is archived and cannot be sold in a bundle.", archived);
        var links = await app.WithDbAsync(d => d.Set<BundleItem>().Select(b => new { b.BundleId, b.ItemId }).ToListAsync());
        Assert.Equal(2, links.Count);
        Assert.Contains(links, l => l.BundleId == kit && l.ItemId == alpha);
        Assert.Contains(links, l => l.BundleId == crate && l.ItemId == kit);

        var saved = await SaveBundleAsync(editor, crate, "The Crate", "crate", kit, alpha);
        Assert.DoesNotContain("field-error\">A", saved);
        Assert.Equal([kit, alpha], await app.WithDbAsync(d => d.Set<BundleItem>().Where(b => b.BundleId == crate).OrderBy(b => b.Position).Select(b => b.ItemId).ToListAsync()));
        Assert.Contains(await app.WithDbAsync(d => d.Set<Storefront.Core.Audit.AuditEntry>().Select(e => e.Action).ToListAsync()), a => a == "product.bundle");
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ARecipeWhoseBundlesFormACycleIsRefusedWholeNamingTheStepAndField()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        var path = new TestRecipe().Products(TestRecipe.Product("alpha", "Alpha"), SellingShop.Bundle("kit", "The Kit", "crate"),
            SellingShop.Bundle("crate", "The Crate", "kit")).WriteTo(folder.Path);

        var error = await Assert.ThrowsAsync<Storefront.Core.Recipes.RecipeException>(() => app.ImportAsync(path));

        Assert.Contains("step 1 ('products'), field 'products[1].bundle': a bundle cannot contain a bundle that contains it: kit → crate → kit", error.Message);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Product>().CountAsync()));
    }

    /// <summary>Posts the product form of an existing product with its bundle's contents ticked, as the browser sends checkboxes.</summary>
    private static async Task<string> SaveBundleAsync(Admin.SignedInEditor editor, Guid id, string title, string slug, params Guid[] items)
    {
        var path = $"/admin/products/{id}";
        var content = new MultipartFormDataContent
        {
            { new StringContent(title), "Input.Title" }, { new StringContent(slug), "Input.Slug" }, { new StringContent("29.00"), "Input.Price" },
            { new StringContent("usd"), "Input.Currency" }, { new StringContent("false"), "Input.Published" },
            { new StringContent(await editor.TokenAsync(path)), "__RequestVerificationToken" },
        };
        foreach (var item in items)
        {
            content.Add(new StringContent(item.ToString()), "Input.Offer.BundleItems");
        }

        var response = await editor.Client.PostAsync(path, content);
        return response.StatusCode == HttpStatusCode.Redirect ? "" : WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
