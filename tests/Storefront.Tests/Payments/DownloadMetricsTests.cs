using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// The gate's meters at <c>/metrics</c> as a scraper reads them, and the memory that spares a download the
/// trip to storage for a master sold a moment ago.
/// </summary>
[Collection(nameof(MetricsMeasured))]
public sealed partial class DownloadMetricsTests
{
    private const string ScrapeToken = "a-scrape-token-for-the-download-gate-metrics";

    [Fact]
    public async Task ADownloadIsCountedAsServedWithItsStampingTimeAndEachPhaseAndABadLinkAsRefused()
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?> { ["Metrics:ScrapeToken"] = ScrapeToken });
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("metrics@example.com", "Metrics")).Page));
        using var client = shop.App.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/download/not-a-token")).StatusCode);

        // The copy counts once the buyer's side acknowledged its last byte, just after the client has it. A meter is
        // heard by every exporter in the process, so other shops' downloads in this test run may add to the figures.
        var text = "";
        await Eventually.HoldsAsync(async () =>
        {
            text = await ScrapeAsync(shop.App);
            return Counted(text, "served") >= 1 && Counted(text, "refused") >= 1;
        }, "the served and the refused download at /metrics", seconds: 30);

        Assert.True(Number(text, StampingCount()) >= 1, text);
        Assert.True(Number(text, StampingSum()) > 0, text);
        foreach (var phase in new[] { "token", "reserve", "master", "stamp", "send", "confirm", "settle" })
        {
            Assert.Matches($@"storefront_downloads_phase_duration(_seconds)?_count\{{[^}}]*phase=""{phase}""[^}}]*\}} [1-9]", text);
        }
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("64", HttpStatusCode.OK)]
    [InlineData("0", HttpStatusCode.ServiceUnavailable)]
    public async Task AMasterSoldAMomentAgoIsStampedFromMemoryUnlessTheCacheIsOff(string megabytes, HttpStatusCode second)
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?> { ["Downloads:MasterCacheMegabytes"] = megabytes });
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("memory@example.com", "Memory")).Page));
        using var client = shop.App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);

        // Storage is out of the picture now: only a master kept in memory can still be stamped.
        foreach (var file in Directory.GetFiles(shop.App.Folder.File("storage/private"), "*", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }
        using var response = await client.GetAsync(link);

        Assert.Equal(second, response.StatusCode);
        if (second == HttpStatusCode.OK)
        {
            var copy = shop.App.Folder.File("copy.pdf");
            await File.WriteAllBytesAsync(copy, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(0, (await ProcessRunner.RunAsync("qpdf", ["--check", copy])).ExitCode);
            Assert.Contains("Licensed to Memory", (await ProcessRunner.RunAsync("pdftotext", [copy, "-"])).Output);
        }
    }

    private static async Task<string> ScrapeAsync(StorefrontApp app)
    {
        using var scraper = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);
        using var response = await scraper.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static double Counted(string text, string outcome) =>
        Number(text, new Regex($@"^storefront_downloads_total\{{[^}}]*outcome=""{outcome}""[^}}]*\}} (\S+)", RegexOptions.Multiline));

    private static double Number(string text, Regex line) =>
        line.Match(text) is { Success: true } m ? double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^storefront_stamping_duration(?:_seconds)?_count(?:\{[^}]*\})? (\S+)", RegexOptions.Multiline)]
    private static partial Regex StampingCount();

    [GeneratedRegex(@"^storefront_stamping_duration(?:_seconds)?_sum(?:\{[^}]*\})? (\S+)", RegexOptions.Multiline)]
    private static partial Regex StampingSum();
}
