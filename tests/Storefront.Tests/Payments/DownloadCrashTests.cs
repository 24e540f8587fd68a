using Microsoft.Data.Sqlite;
using Storefront.StripeEmulator;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>The real binary, killed while a copy is on its way: the attempt it leaves behind gives its use back.</summary>
public sealed class DownloadCrashTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task AnAttemptLeftStartedByAKilledProcessIsSettledWhenTheShopStartsAgain()
    {
        var database = await TestDatabase.CreateAsync(Db.Sqlite, folder);
        await using var stripe = await StripeEmulatorServer.StartAsync(new StripeEmulatorOptions
        {
            ApiKeys = [TestStripe.SecretKey],
            WebhookSecret = TestStripe.WebhookSecret,
        });
        var port = Ports.Free();
        var shop = new Uri($"http://127.0.0.1:{port}");
        stripe.Options.WebhookUrl = $"{shop}webhooks/stripe";
        var product = TestRecipe.Product("album", "Photo Album");
        product["master"] = "media/album.pdf";
        var recipe = new TestRecipe().Settings("Field Guides").Products(product).WriteTo(folder.Path);
        await using (var master = File.Create(folder.File("media/album.pdf")))
        {
            await new GeneratedPdf(pages: 10, width: 2048, height: 2048).Open().CopyToAsync(master);
        }
        var environment = CrashSafetyTests.ShopEnvironment(database, shop, stripe, folder.File("storage"), recipe);
        environment["Email__From"] = "shop@crash.example.com";
        await using var db = new SqliteConnection(database["ConnectionStrings:Storefront"]);

        using (var first = await CrashSafetyTests.StartShopAsync(environment, port))
        {
            try
            {
                var link = Assert.Single(ShopWithStripe.DownloadLinks((await ShopWithStripe.BuyAt(shop, "kill@example.com", "Kill", slug: "album")).Page));
                using var reader = await RawDownload.StartAsync(shop, link);
                await reader.ReadAtLeastAsync(64 << 10);
                await db.OpenAsync();
                Assert.Equal("Started|2|1", await StateAsync(db));
                // Killed while the buyer is still reading: closing the reader first would be a hang-up, which a live
                // shop settles at once as interrupted.
                first.Kill();
            }
            finally
            {
                first.Kill();
            }
        }

        Assert.Equal("Started|2|1", await StateAsync(db));
        // As if the longest a copy may take had long passed since the process died.
        await using (var age = new SqliteCommand("UPDATE download_attempts SET at = '2000-01-01 00:00:00'", db))
        {
            await age.ExecuteNonQueryAsync();
        }

        using var again = await CrashSafetyTests.StartShopAsync(environment, port);
        try
        {
            await Eventually.HoldsAsync(async () => await StateAsync(db) != "Started|2|1", "settling the attempt", seconds: 30);
            Assert.Equal("Abandoned|3|0", await StateAsync(db));
        }
        finally
        {
            again.Kill();
        }
    }

    /// <summary>The attempt's outcome, the uses left and the copies open, as "outcome|uses|streams".</summary>
    private static async Task<string> StateAsync(SqliteConnection db)
    {
        await using var query = new SqliteCommand(
            "SELECT a.outcome || '|' || e.uses_left || '|' || e.streams_open FROM download_attempts a JOIN entitlements e ON e.id = a.entitlement_id", db);
        return (string)(await query.ExecuteScalarAsync())!;
    }
}
