using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Downloads.Entitlements;
using Storefront.Media.Storage;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>A shop whose product "album" has the given master (imported by recipe, so validated), bought once.</summary>
internal sealed class Sale(ShopWithStripe shop, TempFolder folder, string link) : IAsyncDisposable
{
    public ShopWithStripe Shop => shop;

    public TempFolder Folder => folder;

    public string Link => link;

    /// <summary>The success page the buyer was sent to after paying, which shows the download link.</summary>
    public Uri SuccessUrl { get; private init; } = null!;

    public HttpClient Client { get; } = shop.App.CreateHttpClient();

    /// <summary>The purchase's only entitlement, as stored now.</summary>
    public Task<Entitlement> EntitlementAsync() => shop.App.WithDbAsync(d => d.Set<Entitlement>().AsNoTracking().SingleAsync());

    /// <summary>The outcomes of the purchase's attempts, oldest first.</summary>
    public Task<List<string>> OutcomesAsync() =>
        shop.App.WithDbAsync(d => d.Set<DownloadAttempt>().OrderBy(a => a.At).Select(a => a.Outcome).ToListAsync());

    /// <summary>Waits until no attempt is still on its way, then returns the outcomes.</summary>
    public async Task<List<string>> SettledOutcomesAsync(int attempts = 1)
    {
        await Eventually.HoldsAsync(async () => (await OutcomesAsync()) is var outcomes
            && outcomes.Count >= attempts && !outcomes.Contains(DownloadOutcomes.Started), "settling the attempts", seconds: 30);
        return await OutcomesAsync();
    }

    /// <summary>The gate settles the attempt only after cutting the connection (the buyer learns of the failure first).</summary>
    public async Task AssertInterruptedWithTheUseGivenBackAsync()
    {
        Assert.Equal([DownloadOutcomes.Interrupted], await SettledOutcomesAsync());
        var entitlement = await EntitlementAsync();
        Assert.Equal((3, 0), (entitlement.UsesLeft, entitlement.StreamsOpen));
    }

    /// <summary>Where file-system storage keeps the album's master.</summary>
    public async Task<string> StoredMasterAsync()
    {
        var key = await shop.App.WithDbAsync(d => d.Set<Product>().Where(p => p.Slug == "album").Select(p => p.MasterKey!).SingleAsync());
        return Path.Combine([shop.App.Folder.File("storage"), "private", .. BlobKey.Parse(key).Segments]);
    }

    public static async Task<Sale> BoughtAsync(GeneratedPdf pdf, string fileName, string buyer, Db db = Db.Sqlite,
        IDictionary<string, string?>? overrides = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? faults = null,
        string buyerName = "Album Buyer")
    {
        using var bytes = new MemoryStream();
        await pdf.Open().CopyToAsync(bytes);
        return await BoughtAsync(bytes.ToArray(), fileName, buyer, db, overrides, faults, buyerName);
    }

    public static async Task<Sale> BoughtAsync(byte[] master, string fileName, string buyer, Db db = Db.Sqlite,
        IDictionary<string, string?>? overrides = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? faults = null,
        string buyerName = "Album Buyer")
    {
        var folder = new TempFolder();
        var shop = await ShopWithStripe.StartAsync(db, overrides: overrides, faults: faults);
        var product = TestRecipe.Product("album", "Photo Album");
        product["master"] = "media/" + fileName;
        var recipe = new TestRecipe().Products(product).WriteTo(folder.Path);
        await File.WriteAllBytesAsync(folder.File("media/" + fileName), master);
        await shop.App.ImportAsync(recipe);
        var purchase = await shop.BuyAsync(buyer, buyerName, slug: "album");
        var link = Assert.Single(ShopWithStripe.DownloadLinks(purchase.Page));
        return new Sale(shop, folder, link) { SuccessUrl = purchase.SuccessUrl! };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await shop.DisposeAsync();
        folder.Dispose();
    }
}
