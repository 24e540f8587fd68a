using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Storefront.StripeEmulator;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>The real binary, killed at the worst moment: after the payment is recorded, before the receipt went out.</summary>
public sealed class CrashSafetyTests(MailDevServer mail) : IClassFixture<MailDevServer>, IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AProcessKilledAfterTheWebhookCommittedSendsTheReceiptExactlyOnceAfterRestart(Db db)
    {
        var database = await TestDatabase.CreateAsync(db, folder);
        await using var stripe = await StripeEmulatorServer.StartAsync(new StripeEmulatorOptions
        {
            ApiKeys = [TestStripe.SecretKey],
            WebhookSecret = TestStripe.WebhookSecret,
        });
        var port = Ports.Free();
        var shop = new Uri($"http://127.0.0.1:{port}");
        stripe.Options.WebhookUrl = $"{shop}webhooks/stripe";
        var recipe = new TestRecipe().Settings("Field Guides").Products(TestRecipe.Product("field-guide", "Field Guide")).WriteTo(folder.Path);
        var environment = ShopEnvironment(database, shop, stripe, folder.File("storage"), recipe);
        environment["Email__From"] = $"shop@{db.ToString().ToLowerInvariant()}.example.com";
        environment["Email__Smtp__Host"] = "127.0.0.1";
        environment["Email__Smtp__Port"] = mail.SmtpPort.ToString();
        environment["Email__Smtp__EnableSsl"] = "false";
        environment["Outbox__PollInterval"] = "00:00:00.200";
        // The first life of the process never gets to its outbox: as if it died right after the commit.
        environment["Outbox__Enabled"] = "false";

        using (var first = await StartShopAsync(environment, port))
        {
            var purchase = await ShopWithStripe.BuyAt(shop, "crash@example.com", "Crash Test");
            Assert.Single(ShopWithStripe.DownloadLinks(purchase.Page)); // paid and committed
            first.Kill();
        }

        var domain = $"{db.ToString().ToLowerInvariant()}.example.com";
        var messageId = $"<receipt.1001@{domain}>";
        Assert.Equal(0, await mail.CountAsync(messageId));

        environment["Outbox__Enabled"] = "true";
        for (var life = 0; life < 2; life++)
        {
            using var again = await StartShopAsync(environment, port);
            await mail.WaitForMessageAsync(messageId);
            // Proof that this life's outbox has done all it will: a later receipt went out and nothing is left unsent,
            // so a duplicate of the first receipt would have arrived by now.
            await ShopWithStripe.BuyAt(shop, $"later{life}@example.com", "Later Buyer");
            await mail.WaitForMessageAsync($"<receipt.{1002 + life}@{domain}>");
            await Eventually.HoldsAsync(async () => await UnsentAsync(database) == 0, "The outbox sending everything queued");
            Assert.Equal(1, await mail.CountAsync(messageId));
            again.Kill();
        }
    }

    /// <summary>What the binary needs to sell the recipe's catalogue through the emulator at <paramref name="shop"/>.</summary>
    internal static Dictionary<string, string?> ShopEnvironment(Dictionary<string, string?> database, Uri shop, RunningStripeEmulator stripe, string storage, string recipe) => new()
    {
        ["ASPNETCORE_URLS"] = shop.ToString(),
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Database__Provider"] = database["Database:Provider"],
        ["ConnectionStrings__Storefront"] = database["ConnectionStrings:Storefront"],
        ["Storage__Root"] = storage,
        ["Setup__Recipe"] = recipe,
        ["Stripe__SecretKey"] = TestStripe.SecretKey,
        ["Stripe__WebhookSecret"] = TestStripe.WebhookSecret,
        ["Stripe__ApiBase"] = stripe.BaseUrl.ToString(),
    };

    /// <summary>The shop's own binary as an operator runs it; disposing it (also when starting fails) kills it.</summary>
    internal static Task<OwnedProcess> StartShopAsync(Dictionary<string, string?> environment, int port) =>
        OwnedProcess.StartServerAsync("dotnet", [RepoPaths.HostDll, "serve"], port, environment: environment);

    /// <summary>Outbox rows not yet carried out, read from the database the separate process writes.</summary>
    private static async Task<long> UnsentAsync(Dictionary<string, string?> database)
    {
        var connectionString = database["ConnectionStrings:Storefront"];
        await using DbConnection connection = database["Database:Provider"] == "Sqlite"
            ? new SqliteConnection(connectionString + ";Pooling=false")
            : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbox_messages WHERE processed_at IS NULL";
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
