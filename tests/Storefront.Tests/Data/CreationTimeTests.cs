using System.Net.Http.Json;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Data;

/// <summary>
/// Creation times come from the registered clock at each place a record is made, not from the entity: a place
/// that forgot would store 0001-01-01, which these tests catch for every kind of record the shop writes.
/// </summary>
public sealed partial class CreationTimeTests
{
    // Every timestamp an entity demands at creation; the list keeps the reflection below from passing on nothing.
    private static readonly string[] Known =
    [
        "AuditEntry.At", "Cart.CreatedAt", "CartItem.AddedAt", "ContentField.CreatedAt", "ContentPage.CreatedAt", "ContentPage.UpdatedAt", "DataProtectionKey.CreatedAt", "MediaFolder.CreatedAt", "SlugRedirect.CreatedAt", "DownloadAttempt.At",
        "CreditNote.IssuedAt", "Entitlement.CreatedAt", "Invoice.IssuedAt", "LicenseActivation.ActivatedAt", "LicenseKey.IssuedAt", "LicensedProduct.UpdatedAt", "OrderRefund.CreatedAt", "OrderDispute.OpenedAt", "MediaAsset.UploadedAt", "Order.CreatedAt", "OutboxMessage.AvailableAt", "OutboxMessage.CreatedAt",
        "StripeInboxEvent.ReceivedAt", "Product.CreatedAt", "PromotionCode.CreatedAt", "StripeProduct.CreatedAt", "Product.UpdatedAt", "ProductClick.At", "ProductVersion.CreatedAt", "SignInLink.CreatedAt", "StockReservation.CreatedAt", "StorefrontUser.CreatedAt",
        "TaxonomyTerm.CreatedAt", "TaxonomyTerm.UpdatedAt", "PageVersion.CreatedAt",
    ];

    [Fact]
    public async Task EveryRecordTheShopCreatesCarriesTheTimeItWasMade()
    {
        var before = DateTime.UtcNow.AddSeconds(-2);
        await using var shop = await ShopWithStripe.StartAsync();
        using var recipe = new TempFolder();
        await shop.App.ImportAsync(new TestRecipe().Step(new JsonObject
        {
            ["name"] = "pages", ["pages"] = new JsonArray(new JsonObject { ["slug"] = "imported", ["title"] = "Imported" }),
        }).Step(Licensing.LicensedShop.LicensesStep(("field-guide", 1))).WriteTo(recipe.Path));
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("time@example.com", "Time")).Page));
        using var buyer = shop.App.CreateHttpClient();
        await buyer.GetAsync(link);
        var licenseKey = await shop.App.WithDbAsync(d => d.Set<Storefront.Licensing.Data.LicenseKey>().Select(k => k.Key).SingleAsync());
        Assert.True((await buyer.PostAsJsonAsync("/api/licenses/verify",
            new { key = licenseKey, product = "field-guide", instance = "machine", action = "activate" })).IsSuccessStatusCode);
        var intent = await shop.App.WithDbAsync(d => d.Set<Storefront.Payments.Orders.Order>().Select(o => o.PaymentIntentId).SingleAsync());
        await shop.StripeApiAsync("/v1/test_helpers/refunds", ("payment_intent", intent!), ("amount", "100"));
        await shop.StripeApiAsync("/v1/test_helpers/disputes", ("payment_intent", intent!));
        await shop.WaitForDeliveryAsync("charge.dispute.created");
        await Storefront.Tests.Selling.SellingShop.ImportAsync(shop.App, Storefront.Tests.Selling.SellingShop.Limited("numbered", 3));
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, (await Storefront.Tests.Selling.SellingShop.PostBuyAsync(shop.App.BaseAddress, "numbered")).StatusCode);
        var editor = await SignedInEditor.CreateAsync(shop.App);
        var edited = AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Edited Guide", cover: TestRecipe.Png(20, 20)));
        // A new slug leaves a redirect from the old address.
        AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Edited Guide", "renamed-guide", path: $"/admin/products/{edited}"));
        Assert.Equal(System.Net.HttpStatusCode.Redirect,
            (await editor.PostFormAsync("/admin/media?handler=Folder", new() { ["NewFolder"] = "Covers" }, formPage: "/admin/media")).StatusCode);
        AdminRequests.SavedId(await editor.PostFormAsync("/admin/pages/new", new() { ["Input.Title"] = "Written", ["Input.Body"] = "x" }));
        AdminRequests.SavedId(await editor.PostFormAsync("/admin/taxonomies/new?kind=category", new() { ["kind"] = "category", ["Input.Name"] = "Guides" }));
        using (var admin = await AdminSession.SignInAsync(shop.App))
        {
            var created = await AdminSession.PostFormAsync(admin, "/admin/promotions",
                new() { ["Form.Code"] = "STAMPED", ["Form.Value"] = "10", ["Form.Products"] = "field-guide" }, "/admin/promotions?handler=Create");
            Assert.Equal(System.Net.HttpStatusCode.Redirect, created.StatusCode);
            var field = await AdminSession.PostFormAsync(admin, "/admin/fields/new", new()
            {
                ["Input.Kind"] = "page", ["Input.Key"] = "reviewed", ["Input.Label"] = "Last reviewed", ["Input.Type"] = "date", ["Input.Placement"] = "details",
            });
            Assert.Equal(System.Net.HttpStatusCode.Redirect, field.StatusCode);
        }

        using (var cartBuyer = new CartBuyer(shop.App.BaseAddress))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, (await cartBuyer.AddAsync("field-guide")).StatusCode);
        }

        AdminRequests.SavedId(await editor.PostFormAsync("/admin/products/new", new()
        {
            ["Input.Title"] = "Sold Elsewhere", ["Input.Price"] = "9.00", ["Input.Currency"] = "usd", ["Input.Published"] = "true",
            ["Input.ExternalUrl"] = "https://elsewhere.example/guide",
        }));
        Assert.Equal(System.Net.HttpStatusCode.Found, (await buyer.GetAsync("/go/sold-elsewhere")).StatusCode);
        using var libraryVisitor = new Storefront.Tests.Library.LibraryVisitor(shop.App);
        await libraryVisitor.AskForLinkAsync("time@example.com");
        await shop.WaitForOutboxAsync(1);
        var after = DateTime.UtcNow.AddSeconds(2);

        var stamps = await shop.App.WithDbAsync(CreationStampsAsync);

        Assert.Superset(Known.ToHashSet(), stamps.Keys.ToHashSet());
        Assert.All(stamps, stamp =>
        {
            Assert.True(stamp.Value.Count > 0, $"No {stamp.Key} was written: the scenario must create one to check it.");
            Assert.All(stamp.Value, at => Assert.InRange(at, before, after));
        });
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public void ProductCodeReadsTheClockOnlyThroughTheRegisteredTimeProvider()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            // The Stripe emulator is a test double with a clock of its own (StripeEmulatorOptions.Time).
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}StripeEmulator{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var reads = sources.SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(l => WallClock().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(RepoPaths.Root, l.file)}:{l.index + 1}: {l.line.Trim()}").ToList();

        Assert.True(reads.Count == 0, "Read TimeProvider.GetUtcNow() instead:\n" + string.Join("\n", reads));
    }

    private static async Task<Dictionary<string, List<DateTime>>> CreationStampsAsync(StorefrontDbContext db)
    {
        var stamps = new Dictionary<string, List<DateTime>>();
        var read = typeof(CreationTimeTests).GetMethod(nameof(ValuesAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.ClrType.IsClass))
        {
            var required = entity.ClrType.GetProperties()
                .Where(p => p.PropertyType == typeof(DateTime) && p.GetCustomAttribute<RequiredMemberAttribute>() is not null);
            foreach (var property in required)
            {
                var values = read.MakeGenericMethod(entity.ClrType).Invoke(null, [db, property.Name])!;
                stamps[$"{entity.ClrType.Name}.{property.Name}"] = await (Task<List<DateTime>>)values;
            }
        }

        return stamps;
    }

    private static Task<List<DateTime>> ValuesAsync<T>(StorefrontDbContext db, string property) where T : class =>
        db.Set<T>().AsNoTracking().Select(e => EF.Property<DateTime>(e, property)).ToListAsync();

    [GeneratedRegex(@"\bDateTime(Offset)?\.(UtcNow|Now|Today)\b")]
    private static partial Regex WallClock();
}
