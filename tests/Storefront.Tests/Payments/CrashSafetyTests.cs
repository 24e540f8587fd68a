using System.Diagnostics;
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
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var messageId = $"<receipt.1001@{db.ToString().ToLowerInvariant()}.example.com>";
        Assert.Equal(0, await mail.CountAsync(messageId));

        environment["Outbox__Enabled"] = "true";
        for (var life = 0; life < 2; life++)
        {
            using var again = await StartShopAsync(environment, port);
            await mail.WaitForMessageAsync(messageId);
            await Task.Delay(1500); // time enough for a duplicate to show up
            Assert.Equal(1, await mail.CountAsync(messageId));
            again.Kill(entireProcessTree: true);
            await again.WaitForExitAsync();
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

    internal static async Task<Process> StartShopAsync(Dictionary<string, string?> environment, int port)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(RepoPaths.HostDll);
        info.ArgumentList.Add("serve");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Ports.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => { lock (output) { return output.ToString(); } });
        return process;
    }
}
