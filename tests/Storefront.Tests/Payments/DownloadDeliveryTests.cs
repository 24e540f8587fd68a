using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Downloads.Entitlements;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>A use is spent only on a copy the buyer received whole; everything else gives it back, within limits.</summary>
public sealed class DownloadDeliveryTests
{
    // 10 pages of 2048² images, ~40 MB: far more than the sockets and Kestrel hold between qpdf and a reader.
    private static GeneratedPdf LargeAlbum => new(pages: 10, width: 2048, height: 2048);

    [Fact]
    public async Task AHeadRequestAnswersTheHeadersWithoutStampingOrConsumingAnything()
    {
        await using var sale = await Sale.BoughtAsync(new GeneratedPdf(pages: 3, width: 2048, height: 2048), "album.pdf", "head@example.com");

        using var head = await sale.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, sale.Link));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/pdf", head.Content.Headers.ContentType!.MediaType);
        Assert.Equal("album.pdf", head.Content.Headers.ContentDisposition!.FileNameStar ?? head.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("bytes", Assert.Single(head.Headers.AcceptRanges));
        Assert.False(head.Headers.ETag!.IsWeak);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, (await sale.EntitlementAsync()).UsesLeft);
        Assert.Empty(await sale.OutcomesAsync());
        Assert.DoesNotContain(sale.Shop.App.Logs.Lines, l => l.Contains("Download attempt", StringComparison.Ordinal));

        using var get = await sale.Client.GetAsync(sale.Link);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal([DownloadOutcomes.Delivered], await sale.SettledOutcomesAsync());
        Assert.Equal(2, (await sale.EntitlementAsync()).UsesLeft);
    }

    [Fact]
    public async Task ARangeFromTheFirstByteIsAnOrdinaryDownloadAndSpendsOneUse()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("range@example.com", "Range")).Page));
        using var client = shop.App.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 99);

        using var response = await client.SendAsync(request);
        var part = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Equal(100, part.Length);
        Assert.Equal((0, 99), (response.Content.Headers.ContentRange!.From, response.Content.Headers.ContentRange.To));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(part));
        await Eventually.HoldsAsync(async () => await shop.App.WithDbAsync(d => d.Set<DownloadAttempt>().AnyAsync(a => a.Outcome == DownloadOutcomes.Delivered)), "settling");
        using var whole = await client.GetAsync(link);
        var copy = await whole.Content.ReadAsByteArrayAsync();
        Assert.Equal(copy.Length, response.Content.Headers.ContentRange.Length);
        Assert.Equal(part, copy[..100]);
        using var folder = new TempFolder();
        await File.WriteAllBytesAsync(folder.File("copy.pdf"), copy);
        Assert.Equal(0, (await ProcessRunner.RunAsync("qpdf", ["--check", folder.File("copy.pdf")])).ExitCode);
        // The use is settled once the buyer's side acknowledged the last byte, which is after the client has it.
        await Eventually.HoldsAsync(async () => await shop.App.WithDbAsync(d => d.Set<DownloadAttempt>().CountAsync(a => a.Outcome == DownloadOutcomes.Delivered)) == 2, "settling");
        var entitlement = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        Assert.Equal((1, 0), (entitlement.UsesLeft, entitlement.StreamsOpen));
    }

    /// <summary>
    /// Link previews and buyers who hang up with megabytes still unread must not cost a download: early in a 40 MB
    /// copy (the server is still writing), or with 3 MB of a 12.6 MB copy unread (the server has written it all,
    /// and it waits in the sockets' buffers, unacknowledged).
    /// </summary>
    [Theory]
    [InlineData(10, 256 << 10)]
    [InlineData(3, 9_500_000)]
    public async Task ABuyerWhoHangsUpBeforeTheEndGetsTheUseBackAndTheAttemptSaysSo(int pages, int readBytes)
    {
        await using var sale = await Sale.BoughtAsync(new GeneratedPdf(pages, 2048, 2048), "album.pdf", "hangup@example.com");

        using (var reader = await RawDownload.StartAsync(sale.Shop.App.BaseAddress, sale.Link))
        {
            await reader.ReadAtLeastAsync(readBytes);
            Assert.StartsWith("HTTP/1.1 200", reader.Head);
            Assert.Equal([DownloadOutcomes.Started], await sale.OutcomesAsync());
            Assert.Equal((2, 1), ((await sale.EntitlementAsync()).UsesLeft, (await sale.EntitlementAsync()).StreamsOpen));
        }

        Assert.Equal([DownloadOutcomes.Interrupted], await sale.SettledOutcomesAsync());
        var entitlement = await sale.EntitlementAsync();
        Assert.Equal((3, 0, 1), (entitlement.UsesLeft, entitlement.StreamsOpen, entitlement.InterruptedCopies));
        var attempt = await sale.Shop.App.WithDbAsync(d => d.Set<DownloadAttempt>().SingleAsync());
        Assert.NotNull(attempt.FinishedAt);
        Assert.True(attempt.BytesSent > readBytes / 2, $"{attempt.BytesSent} bytes recorded as sent");
    }

    /// <summary>
    /// A buyer reading steadily through a hop that resets the shop's side an eighth of the way into a copy stamped in
    /// memory. Now and then the shop's socket has sent, and has had acknowledged, everything it was given, while the app
    /// writes the rest into a connection that broke before it is told; that copy must not count as delivered either. The
    /// break is repeated, since which of the two it is depends on timing; each gives the use back.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AConnectionResetWhileMostOfACopyIsStillInTheServerGivesTheUseBackEveryTime(Db db)
    {
        const int breaks = 16;
        await using var sale = await Sale.BoughtAsync(new GeneratedPdf(pages: 2, width: 1024, height: 1024), "album.pdf", "reset@example.com", db,
            overrides: new Dictionary<string, string?> { ["Downloads:MaxInterruptedCopies"] = $"{breaks}" });

        for (var attempt = 1; attempt <= breaks; attempt++)
        {
            await using var relay = CuttingRelay.Start(sale.Shop.App.BaseAddress, 256 << 10);
            using var reader = await RawDownload.StartAsync(relay.Address, sale.Link);
            // Read to the end the relay gives: the cut closes the connection towards the reader.
            await reader.ReadAtLeastAsync(long.MaxValue);
            Assert.StartsWith("HTTP/1.1 200", reader.Head);
            Assert.Equal(256 << 10, reader.Received);
            await sale.SettledOutcomesAsync(attempt);
        }

        Assert.Equal(Enumerable.Repeat(DownloadOutcomes.Interrupted, breaks), await sale.OutcomesAsync());
        var entitlement = await sale.EntitlementAsync();
        Assert.Equal((3, 0, breaks), (entitlement.UsesLeft, entitlement.StreamsOpen, entitlement.InterruptedCopies));
    }

    /// <summary>Retrying after a break is free a few times; after that a partial copy counts, and the buyer is told so.</summary>
    [Fact]
    public async Task InterruptedCopiesPastTheAllowanceCountAsDownloads()
    {
        await using var sale = await Sale.BoughtAsync(LargeAlbum, "album.pdf", "retry@example.com",
            overrides: new Dictionary<string, string?> { ["Downloads:MaxInterruptedCopies"] = "1" });

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            using var reader = await RawDownload.StartAsync(sale.Shop.App.BaseAddress, sale.Link);
            await reader.ReadAtLeastAsync(256 << 10);
            reader.Dispose();
            await sale.SettledOutcomesAsync(attempt);
        }

        Assert.Equal([DownloadOutcomes.Interrupted, DownloadOutcomes.InterruptedCounted], await sale.OutcomesAsync());
        var entitlement = await sale.EntitlementAsync();
        Assert.Equal((2, 0, 2), (entitlement.UsesLeft, entitlement.StreamsOpen, entitlement.InterruptedCopies));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TwoCopiesMayBeOnTheirWayAtOnceAndAThirdIsAskedToWait(Db db)
    {
        await using var sale = await Sale.BoughtAsync(LargeAlbum, "album.pdf", "busy@example.com", db);
        var shop = sale.Shop.App.BaseAddress;
        using var first = await RawDownload.StartAsync(shop, sale.Link);
        using var second = await RawDownload.StartAsync(shop, sale.Link);
        await Task.WhenAll(first.ReadAtLeastAsync(64 << 10), second.ReadAtLeastAsync(64 << 10));

        using var third = await sale.Client.GetAsync(sale.Link);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter?.Delta);
        var page = await third.Content.ReadAsStringAsync();
        Assert.Contains("already in progress", page);
        Assert.Contains("Downloads left on this link: <strong>1</strong>", page);
        Assert.Equal([DownloadOutcomes.Started, DownloadOutcomes.Started, DownloadOutcomes.Busy], await sale.OutcomesAsync());

        first.Dispose();
        second.Dispose();
        await sale.SettledOutcomesAsync(3);
        var entitlement = await sale.EntitlementAsync();
        Assert.Equal((3, 0, 2), (entitlement.UsesLeft, entitlement.StreamsOpen, entitlement.InterruptedCopies));
    }

    /// <summary>A reader that stops reading is cut off by the minimum data rate instead of holding a use and a thread.</summary>
    [Fact]
    public async Task AStalledReaderIsCutOffAndGetsTheUseBack()
    {
        await using var sale = await Sale.BoughtAsync(LargeAlbum, "album.pdf", "stall@example.com");
        using var reader = await RawDownload.StartAsync(sale.Shop.App.BaseAddress, sale.Link);
        await reader.ReadAtLeastAsync(64 << 10);

        var took = await Eventually.HoldsAsync(async () => !(await sale.OutcomesAsync()).Contains(DownloadOutcomes.Started), "cutting off the stalled reader", seconds: 60);

        Assert.Equal([DownloadOutcomes.Interrupted], await sale.OutcomesAsync());
        Assert.Equal((3, 0), ((await sale.EntitlementAsync()).UsesLeft, (await sale.EntitlementAsync()).StreamsOpen));
        Assert.True(await reader.EndedWithinAsync(TimeSpan.FromSeconds(30)), "the connection was ended");
        Assert.True(reader.Received < 39L << 20, "the copy did not arrive whole");
        Assert.Contains(sale.Shop.App.Logs.Lines, l => l.Contains("slower than 4096 B/s", StringComparison.Ordinal));
        // A slice of 16 KB at 4 KB/s after a 5 s grace: well under the minutes a stalled reader used to hold a copy.
        // A machine busy with other tests stamps and settles more slowly, so the bound stretches with its load.
        var bound = Patience.For(TimeSpan.FromSeconds(40));
        Assert.True(took < bound, $"cut off after {took}, more than {bound}");
    }

    /// <summary>A reader steady enough for the minimum rate still cannot keep a copy past the total deadline.</summary>
    [Fact]
    public async Task ACopyThatTakesLongerThanTheDeadlineIsCutOffAndGivesTheUseBack()
    {
        await using var sale = await Sale.BoughtAsync(LargeAlbum, "album.pdf", "slow@example.com",
            overrides: new Dictionary<string, string?> { ["Downloads:MaxStreamSeconds"] = "10" });
        using var reader = await RawDownload.StartAsync(sale.Shop.App.BaseAddress, sale.Link);

        // 64 KB every 250 ms: 256 KB/s, far above the minimum rate, and 40 MB would take minutes.
        Assert.True(await reader.TrickleAsync(64 << 10, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(60)), "the connection was ended");

        Assert.Equal([DownloadOutcomes.Interrupted], await sale.SettledOutcomesAsync());
        Assert.Equal((3, 0), ((await sale.EntitlementAsync()).UsesLeft, (await sale.EntitlementAsync()).StreamsOpen));
        // The reason named is the deadline, not a stall: the slice timer of a write the deadline cut short is disarmed.
        var cutOff = Assert.Single(sale.Shop.App.Logs.Lines, l => l.Contains("the copy was cut off after", StringComparison.Ordinal));
        Assert.EndsWith("the copy took longer than 10 s", cutOff.TrimEnd(), StringComparison.Ordinal);
    }
}
