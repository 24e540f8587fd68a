using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Outbox;
using Storefront.Downloads.Entitlements;
using Storefront.Downloads.Sharing;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Downloads.Sharing;

/// <summary>
/// A real shop behind a "proxy" on loopback (<c>Proxy__KnownNetworks</c> = 127.0.0.0/8, so X-Forwarded-For names the
/// client), one purchase of a product with many downloads, and its link fetched as if from many networks.
/// </summary>
internal sealed class SharedPurchase : IAsyncDisposable
{
    public const string Buyer = "sharer@example.com";
    public const string Support = "help@example.com";

    private SharedPurchase(ShopWithStripe shop, string link) => (Shop, Link) = (shop, link);

    public ShopWithStripe Shop { get; }

    public string Link { get; }

    private int delivered;

    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Proxy:KnownNetworks"] = "127.0.0.0/8",
            // Many copies of the one purchase may be on their way at once when several networks fetch it together.
            ["Downloads:MaxConcurrentStreams"] = "40",
            ["Downloads:Sharing:FlagNetworks"] = "4",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    public static async Task<SharedPurchase> BoughtAsync(Db db = Db.Sqlite, IDictionary<string, string?>? settings = null)
    {
        var shop = await ShopWithStripe.StartAsync(db, overrides: Settings(settings));
        using var recipe = new TempFolder();
        var product = TestRecipe.Product("shared-guide", "Shared Guide", price: 1900);
        product["downloadUses"] = 100;
        await shop.App.ImportAsync(new TestRecipe().Products(product).WriteTo(recipe.Path));
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync(Buyer, "Sam Sharer", slug: "shared-guide")).Page));
        return new SharedPurchase(shop, link);
    }

    /// <summary>
    /// Fetches the link as a client at <paramref name="address"/> would through the proxy (at <paramref name="via"/>, another
    /// instance of the shop, when given). The buyer has the copy before the shop has settled it and looked at its networks.
    /// </summary>
    public async Task<HttpStatusCode> DownloadFromAsync(string address, string agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", StorefrontApp? via = null)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var link = new Uri(Link);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri((via ?? Shop.App).BaseAddress, link.PathAndQuery));
        request.Headers.UserAgent.ParseAdd(agent);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", address);
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Interlocked.Increment(ref delivered);
        }
        return response.StatusCode;
    }

    /// <summary>
    /// Waits until every copy delivered so far was settled and judged: the gate logs its outcome only after the ledger's
    /// settlement, which includes the look at the networks. Without this, "no flag" would pass before any check ran.
    /// </summary>
    public Task SettledAsync(params StorefrontApp[] others) =>
        Eventually.HoldsAsync(() => Task.FromResult(others.Append(Shop.App).Distinct()
            .Sum(a => a.Logs.Lines.Count(Settled)) >= Volatile.Read(ref delivered)),
            "the shop settling every delivered copy", seconds: 30);

    // However a sent copy ended (a loaded machine may cut a slow reader off), the gate logs it once with its bytes.
    private static bool Settled(string line) =>
        line.Contains("Download attempt for entitlement", StringComparison.Ordinal) && line.Contains(" bytes", StringComparison.Ordinal);

    public async Task DownloadAllAsync(params string[] addresses)
    {
        foreach (var address in addresses)
        {
            Assert.Equal(HttpStatusCode.OK, await DownloadFromAsync(address));
        }
        await SettledAsync();
    }

    public Task<List<SharingFlag>> FlagsAsync() => Shop.App.WithDbAsync(d => d.Set<SharingFlag>().AsNoTracking().ToListAsync());

    public Task<int> QueuedEmailsAsync() => Shop.App.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Type == SharingEmailHandler.MessageType));

    public Task<Entitlement> EntitlementAsync() => Shop.App.WithDbAsync(d => d.Set<Entitlement>().AsNoTracking().SingleAsync(e => e.BuyerEmail == Buyer));

    /// <summary>The sharing emails the shop wrote to its pickup folder (and to those of <paramref name="others"/>), as text.</summary>
    public static List<string> Emails(params StorefrontApp[] apps) => apps
        .Select(a => a.Folder.File("mail")).Where(Directory.Exists)
        .SelectMany(f => Directory.GetFiles(f, "*.eml")).Select(File.ReadAllText)
        .Where(eml => eml.Contains("looks shared", StringComparison.Ordinal)).ToList();

    public ValueTask DisposeAsync() => Shop.DisposeAsync();
}
