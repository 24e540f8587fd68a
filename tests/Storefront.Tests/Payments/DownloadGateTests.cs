using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

public sealed class DownloadGateTests
{
    [Fact]
    public async Task AnExpiredPurchaseIsDeniedAsExpiredAndItsStateMovesForward()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("late@example.com", "Late")).Page));
        var past = DateTime.UtcNow.AddMinutes(-1);
        await shop.App.WithDbAsync(d => d.Set<Entitlement>().ExecuteUpdateAsync(s => s.SetProperty(e => e.ExpiresAt, past)));
        using var client = shop.App.CreateHttpClient();

        var denied = await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var page = await denied.Content.ReadAsStringAsync();
        Assert.Contains("has expired", page);
        Assert.Contains("help@example.com", page);
        Assert.True(denied.Headers.CacheControl is { Private: true, NoStore: true });
        var entitlement = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        Assert.Equal((EntitlementStatus.Expired, 3), (entitlement.Status, entitlement.UsesLeft));
    }

    [Fact]
    public async Task EveryAttemptIsLoggedWithTimeOutcomeAddressAndBrowser()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("log@example.com", "Log")).Page));
        using var client = shop.App.CreateHttpClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ReaderApp/2.1");

        await client.GetAsync(link);
        await client.GetAsync("/download/garbage");

        var attempts = await shop.App.WithDbAsync(d => d.Set<DownloadAttempt>().OrderBy(a => a.At).ToListAsync());
        Assert.Equal(["Delivered", "Invalid"], attempts.Select(a => a.Outcome));
        Assert.All(attempts, a => Assert.Equal(("127.0.0.1", "ReaderApp/2.1"), (a.IpAddress, a.UserAgent)));
        Assert.NotNull(attempts[0].EntitlementId);
        Assert.Null(attempts[1].EntitlementId);
        Assert.All(attempts, a => Assert.True(DateTime.UtcNow - a.At < TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task ANonPdfMasterIsDeliveredUnchanged()
    {
        using var folder = new TempFolder();
        var zip = folder.File("templates.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            writer.Write("Templates for makers.");
        }

        await using var shop = await ShopWithStripe.StartAsync();
        var product = TestRecipe.Product("templates", "Template Bundle");
        product["master"] = "media/templates.zip";
        var recipe = new TestRecipe().Products(product).WriteTo(folder.Path);
        File.Copy(zip, folder.File("media/templates.zip"));
        await shop.App.ImportAsync(recipe);

        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("zip@example.com", "Zip", slug: "templates")).Page));
        using var client = shop.App.CreateHttpClient();
        var response = await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(zip), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("templates.zip", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
    }

    [Fact]
    public async Task AMasterThatDisappearedFromStorageGivesTheUseBackAndSaysSo()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("gone@example.com", "Gone")).Page));
        foreach (var file in Directory.GetFiles(shop.App.Folder.File("storage/private"), "*", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }

        using var client = shop.App.CreateHttpClient();
        var response = await client.GetAsync(link);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("was not counted", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, await shop.App.WithDbAsync(d => d.Set<Entitlement>().Select(e => e.UsesLeft).SingleAsync()));
    }

    [Fact]
    public async Task WithoutSmtpTheReceiptIsWrittenToTheMailFolderWithAWorkingLink()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("folder@example.com", "Folder Buyer");
        await shop.WaitForOutboxAsync(1);

        var mail = Assert.Single(Directory.GetFiles(shop.App.Folder.File("mail"), "*.eml"));
        var text = System.Text.Encoding.UTF8.GetString(DecodeBodies(await File.ReadAllTextAsync(mail)));
        var number = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Number).SingleAsync());
        Assert.Contains(number.ToString(), text);
        Assert.Contains("$29.00", text);
        Assert.Contains("3 downloads", text);
        var link = System.Text.RegularExpressions.Regex.Match(text, @"https?://\S+/download/[A-Za-z0-9_-]+").Value;
        using var client = shop.App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
    }

    /// <summary>The bodies of a simple MIME message, base64-decoded and concatenated.</summary>
    private static byte[] DecodeBodies(string eml)
    {
        var decoded = new List<byte>();
        foreach (var part in eml.Split("Content-Transfer-Encoding: base64", StringSplitOptions.None).Skip(1))
        {
            var body = part.Split("\r\n\r\n", 2)[1].Split("\r\n--")[0];
            decoded.AddRange(Convert.FromBase64String(body.Replace("\r\n", "")));
        }

        return decoded.ToArray();
    }
}
