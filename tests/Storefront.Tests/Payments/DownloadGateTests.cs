using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
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
        // A copy's attempt is settled once the buyer's side acknowledged the last byte, just after the client has it.
        await Eventually.HoldsAsync(async () => await shop.App.WithDbAsync(d => d.Set<DownloadAttempt>().AnyAsync(a => a.Outcome == "Delivered")), "settling");

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

    /// <summary>
    /// A master above the engine's streaming threshold goes out while qpdf writes it: no length up front,
    /// the same attachment headers, a stamped copy on every page, and the use counted once. Whether it is a
    /// PDF is told by its bytes: an upload named "bigbook" is stamped, typed and named as the PDF it is.
    /// </summary>
    [Theory]
    [InlineData("album.pdf", "album.pdf")]
    [InlineData("bigbook", "bigbook.pdf")]
    public async Task ALargePdfMasterIsStampedAndStreamedToTheBuyerWhateverItsName(string uploadedAs, string deliveredAs)
    {
        await using var sale = await Sale.BoughtAsync(new GeneratedPdf(pages: 3, width: 2048, height: 2048), uploadedAs, "large@example.com");
        var (shop, folder) = (sale.Shop, sale.Folder);

        using var response = await sale.Client.GetAsync(sale.Link);
        var copy = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TransferEncodingChunked, "a streamed copy has no length up front");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(deliveredAs, response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true });
        Assert.Equal("application/pdf", (await File.ReadAllTextAsync(await sale.StoredMasterAsync() + ".content-type")).Trim());
        var file = folder.File("copy.pdf");
        await File.WriteAllBytesAsync(file, copy);
        Assert.Equal(0, (await ProcessRunner.RunAsync("qpdf", ["--check", file])).ExitCode);
        var text = (await ProcessRunner.RunAsync("pdftotext", ["-layout", file, "-"])).Output;
        Assert.Equal(3, text.Split('\f').Count(page => page.Contains("Licensed to Album Buyer", StringComparison.Ordinal)));
        Assert.Equal(["Delivered"], await sale.SettledOutcomesAsync());
        Assert.Equal(2, (await sale.EntitlementAsync()).UsesLeft);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ALargeMasterThatCannotBeStampedAnymoreGivesTheUseBackBeforeAnyByteIsSent()
    {
        await using var sale = await Sale.BoughtAsync(new GeneratedPdf(pages: 3, width: 2048, height: 2048), "album.pdf", "broken@example.com");
        var shop = sale.Shop;
        // The stored master is replaced behind the shop's back by one whose page content readers would abandon.
        await using (var damaged = File.Create(await sale.StoredMasterAsync()))
        {
            await new GeneratedPdf(3, 2048, 2048, GeneratedPdf.FullPageImage + " 1 rg").Open().CopyToAsync(damaged);
        }

        var response = await sale.Client.GetAsync(sale.Link);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("was not counted", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, await shop.App.WithDbAsync(d => d.Set<Entitlement>().Select(e => e.UsesLeft).SingleAsync()));
        Assert.Contains(shop.App.Logs.Errors, e => e.Contains("cannot be stamped", StringComparison.Ordinal));
    }

    /// <summary>
    /// qpdf failing after the first bytes have gone out (here the master is cut short on disk while its copy
    /// streams): the connection is cut, so the buyer's browser reports a failed download instead of keeping
    /// a truncated file that looks complete, and the use is given back.
    /// </summary>
    [Fact]
    public async Task ACopyThatFailsPartWayIsCutOffAndTheUseIsGivenBack()
    {
        // 40 MB of image data: far more than the pipe, the response and the sockets hold between qpdf and the client.
        await using var sale = await Sale.BoughtAsync(new GeneratedPdf(pages: 10, width: 2048, height: 2048), "album.pdf", "cut@example.com");
        var shop = sale.Shop;

        using var response = await sale.Client.GetAsync(sale.Link, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var start = new byte[64 << 10];
        await body.ReadExactlyAsync(start);
        Assert.Equal("%PDF-"u8.ToArray(), start[..5]);
        Assert.Equal(0, (await ProcessRunner.RunAsync("truncate", ["-s", "1M", await sale.StoredMasterAsync()])).ExitCode);

        await Assert.ThrowsAnyAsync<IOException>(() => body.CopyToAsync(Stream.Null));
        await sale.AssertInterruptedWithTheUseGivenBackAsync();
        Assert.Contains(shop.App.Logs.Errors, e => e.Contains("cannot be stamped", StringComparison.Ordinal));
    }

    /// <summary>
    /// A buyer whose connection drops part-way through a large copy gets the use back, and the server's
    /// side of the copy ends at once instead of waiting on a buyer who is gone.
    /// </summary>
    [Fact]
    public async Task ABuyerWhoGoesAwayPartWayGetsTheUseBackAndTheCopyStops()
    {
        await using var sale = await Sale.BoughtAsync(new GeneratedPdf(pages: 10, width: 2048, height: 2048), "album.pdf", "away@example.com");
        var shop = sale.Shop;

        using (var response = await sale.Client.GetAsync(sale.Link, HttpCompletionOption.ResponseHeadersRead))
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            await body.ReadExactlyAsync(new byte[64 << 10]);
        }

        await sale.AssertInterruptedWithTheUseGivenBackAsync();
        Assert.Contains(shop.App.Logs.Lines, l => l.Contains("connection closed after", StringComparison.Ordinal));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ALargeNonPdfMasterIsStreamedUnchangedWithItsLength()
    {
        var bundle = new byte[12 << 20];
        new Random(12).NextBytes(bundle);
        "PK\u0003\u0004"u8.CopyTo(bundle);
        await using var sale = await Sale.BoughtAsync(bundle, "bundle.zip", "bundle@example.com");

        using var response = await sale.Client.GetAsync(sale.Link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bundle.Length, response.Content.Headers.ContentLength);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(bundle, await response.Content.ReadAsByteArrayAsync());
        sale.Shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task WithoutSmtpTheReceiptIsWrittenToTheMailFolderWithAWorkingLink()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("folder@example.com", "Folder Buyer");
        await shop.WaitForOutboxAsync(1);

        var mail = Assert.Single(Directory.GetFiles(shop.App.Folder.File("mail"), "*.eml"));
        var text = Eml.Text(await File.ReadAllTextAsync(mail));
        var number = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Number).SingleAsync());
        Assert.Contains(number.ToString(), text);
        Assert.Contains("$29.00", text);
        Assert.Contains("3 downloads", text);
        var link = System.Text.RegularExpressions.Regex.Match(text, @"https?://\S+/download/[A-Za-z0-9_-]+").Value;
        using var client = shop.App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
    }
}
