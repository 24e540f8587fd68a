using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Downloads.Entitlements;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// A purchase's copy is the same bytes on every download, so an interrupted one is continued by a range request: a
/// resume within the window costs no further use, and a copy is one use however many pieces it arrived in.
/// </summary>
public sealed class DownloadResumeTests
{
    // 12.6 MB: over the 8 MB a copy is stamped in memory, so it streams while qpdf writes it.
    private static GeneratedPdf Streamed => new(pages: 3, width: 2048, height: 2048);

    // 2 MB: stamped in memory and sent with its length.
    private static GeneratedPdf InMemory => new(pages: 2, width: 1024, height: 1024);

    public static TheoryData<Db, bool> Masters => new() { { Db.Sqlite, true }, { Db.Postgres, true }, { Db.Sqlite, false } };

    [Theory]
    [InlineData("Album Buyer")]
    [InlineData("محمد عبد الله · 山田太郎")]
    public async Task TwoDownloadsOfOnePurchaseAreByteIdenticalUnderAStrongETagAHeadAlreadyKnows(string name)
    {
        await using var sale = await Sale.BoughtAsync(InMemory, "album.pdf", "same@example.com", buyerName: name);

        using var head = await sale.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, sale.Link));
        var (first, firstTag) = await WholeAsync(sale);
        var (second, secondTag) = await WholeAsync(sale);

        Assert.Equal(first, second);
        Assert.False(firstTag.IsWeak);
        Assert.Equal(firstTag, secondTag);
        Assert.Equal(firstTag, head.Headers.ETag);
        Assert.Equal("bytes", Assert.Single(head.Headers.AcceptRanges));
        Assert.Equal(1, (await sale.EntitlementAsync()).UsesLeft);
    }

    /// <summary>What curl -C - does after a download broke off: asks for the rest of the file it has.</summary>
    [Theory]
    [MemberData(nameof(Masters))]
    public async Task AnInterruptedDownloadResumedWithCurlIsIdenticalToAWholeOneAndTheCopyCostsOneUse(Db db, bool streamed)
    {
        await using var sale = await Sale.BoughtAsync(streamed ? Streamed : InMemory, "album.pdf", "curl@example.com", db);
        var (whole, _) = await WholeAsync(sale);
        Assert.Equal(2, (await sale.EntitlementAsync()).UsesLeft);

        var file = sale.Folder.File("resumed.pdf");
        await PartialBody.SaveAsync(sale.Shop.App.BaseAddress, sale.Link, file, 256 << 10);
        Assert.Equal([DownloadOutcomes.Delivered, DownloadOutcomes.Interrupted], await sale.SettledOutcomesAsync(2));
        Assert.Equal((2, 1), ((await sale.EntitlementAsync()).UsesLeft, (await sale.EntitlementAsync()).InterruptedCopies));
        var kept = new FileInfo(file).Length;
        Assert.InRange(kept, 256 << 10, whole.Length - 1);

        var curl = await Curl("-C", "-", "-o", file, sale.Link);

        Assert.True(curl.ExitCode == 0, curl.All);
        Assert.Equal(whole, await File.ReadAllBytesAsync(file));
        await Eventually.HoldsAsync(async () => !(await sale.OutcomesAsync()).Contains(DownloadOutcomes.Resuming), "settling the resume");
        // The broken-off copy's use was given back, then taken again when it was finished: one whole copy, one use.
        var entitlement = await sale.EntitlementAsync();
        Assert.Equal((1, 0, 0), (entitlement.UsesLeft, entitlement.StreamsOpen, entitlement.InterruptedCopies));
        var attempts = await sale.Shop.App.WithDbAsync(d => d.Set<DownloadAttempt>().OrderBy(a => a.At).ToListAsync());
        Assert.Equal([DownloadOutcomes.Delivered, DownloadOutcomes.InterruptedResumed], attempts[..2].Select(a => a.Outcome));
        // curl closes the moment it has the last byte; the shop still reads the acknowledgement of the rest it sent.
        var resume = attempts[2];
        Assert.Equal(DownloadOutcomes.ResumeDelivered, resume.Outcome);
        Assert.Equal((attempts[1].Id, whole.Length - kept), (resume.ResumeOf!.Value, resume.BytesSent!.Value));

        // A second resume of the same, now finished, copy is free as well.
        await File.WriteAllBytesAsync(file, whole[..(whole.Length / 2)]);
        Assert.True((await Curl("-C", "-", "-o", file, sale.Link)).ExitCode == 0);
        Assert.Equal(whole, await File.ReadAllBytesAsync(file));
        await Eventually.HoldsAsync(async () => (await sale.OutcomesAsync()) is { Count: 4 } o && !o.Contains(DownloadOutcomes.Resuming), "settling the resume");
        Assert.Equal(1, (await sale.EntitlementAsync()).UsesLeft);
    }

    /// <summary>
    /// curl closes its connection the moment it has the last byte, and the shop drops its socket then: the copy it
    /// received whole is one use spent, never an interruption that gives the use back.
    /// </summary>
    [Theory]
    [MemberData(nameof(Masters))]
    public async Task AWholeCopyFetchedByCurlIsDeliveredAndSpendsItsUse(Db db, bool streamed)
    {
        await using var sale = await Sale.BoughtAsync(streamed ? Streamed : InMemory, "album.pdf", "whole@example.com", db);
        var file = sale.Folder.File("whole.pdf");

        for (var copy = 1; copy <= 3; copy++)
        {
            var curl = await Curl("-o", file, sale.Link);
            Assert.True(curl.ExitCode == 0, curl.All);
            Assert.Equal(Enumerable.Repeat(DownloadOutcomes.Delivered, copy), await sale.SettledOutcomesAsync(copy));
        }

        var entitlement = await sale.EntitlementAsync();
        Assert.Equal((0, 0, 0), (entitlement.UsesLeft, entitlement.StreamsOpen, entitlement.InterruptedCopies));
    }

    [Fact]
    public async Task RangesAreCutFromTheSameCopyAndAnIfRangeOfAnotherCopyGetsAWholeNewDownload()
    {
        await using var sale = await Sale.BoughtAsync(InMemory, "album.pdf", "ifrange@example.com");
        var (whole, tag) = await WholeAsync(sale);

        using var middle = await RangeAsync(sale, "bytes=100-199", ifRange: tag.Tag);
        Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
        Assert.Equal($"bytes 100-199/{whole.Length}", middle.Content.Headers.ContentRange!.ToString());
        Assert.Equal(whole[100..200], await middle.Content.ReadAsByteArrayAsync());
        using var suffix = await RangeAsync(sale, "bytes=-500");
        Assert.Equal(HttpStatusCode.PartialContent, suffix.StatusCode);
        Assert.Equal(whole[^500..], await suffix.Content.ReadAsByteArrayAsync());
        using var several = await RangeAsync(sale, "bytes=100-199,300-399");
        Assert.Equal(HttpStatusCode.OK, several.StatusCode);
        Assert.Equal(whole, await several.Content.ReadAsByteArrayAsync());
        await sale.SettledOutcomesAsync(4);
        Assert.Equal(1, (await sale.EntitlementAsync()).UsesLeft);

        using var mismatch = await RangeAsync(sale, "bytes=100-", ifRange: "\"another-copy\"");

        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Equal(tag, mismatch.Headers.ETag);
        Assert.Equal(whole, await mismatch.Content.ReadAsByteArrayAsync());
        await sale.SettledOutcomesAsync(5);
        Assert.Equal(
            [DownloadOutcomes.Delivered, DownloadOutcomes.ResumeDelivered, DownloadOutcomes.ResumeDelivered, DownloadOutcomes.Delivered, DownloadOutcomes.Delivered],
            await sale.OutcomesAsync());
        Assert.Equal(0, (await sale.EntitlementAsync()).UsesLeft);
    }

    [Fact]
    public async Task ARangePastTheEndIsAnswered416WithTheCopysLengthAndCostsNothing()
    {
        await using var sale = await Sale.BoughtAsync(InMemory, "album.pdf", "past@example.com");
        var (whole, _) = await WholeAsync(sale);

        using var past = await RangeAsync(sale, $"bytes={whole.Length}-");

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, past.StatusCode);
        Assert.Equal($"bytes */{whole.Length}", past.Content.Headers.ContentRange!.ToString());
        Assert.Equal([DownloadOutcomes.Delivered], await sale.OutcomesAsync());
        Assert.Equal(2, (await sale.EntitlementAsync()).UsesLeft);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task SimultaneousResumesOfADeliveredCopyCostNoUseEvenOnAUsedUpLink(Db db)
    {
        await using var sale = await Sale.BoughtAsync(InMemory, "album.pdf", "many@example.com", db);
        var (whole, _) = await WholeAsync(sale);
        await sale.Shop.App.WithDbAsync(d => d.Set<Entitlement>().ExecuteUpdateAsync(s => s
            .SetProperty(e => e.UsesLeft, 0).SetProperty(e => e.Status, EntitlementStatus.Exhausted)));

        var answers = await Task.WhenAll(Enumerable.Range(1, 6).Select(async i =>
        {
            using var response = await RangeAsync(sale, $"bytes={i * 1000}-");
            return (response.StatusCode, Body: await response.Content.ReadAsByteArrayAsync(), From: i * 1000);
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.PartialContent, a.StatusCode));
        Assert.All(answers, a => Assert.Equal(whole[a.From..], a.Body));
        await Eventually.HoldsAsync(async () => (await sale.OutcomesAsync()).Count(o => o == DownloadOutcomes.ResumeDelivered) == 6, "settling the resumes");
        Assert.Equal((0, 0), ((await sale.EntitlementAsync()).UsesLeft, (await sale.EntitlementAsync()).StreamsOpen));
        using var fresh = await sale.Client.GetAsync(sale.Link);
        Assert.Equal(HttpStatusCode.Forbidden, fresh.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task SimultaneousResumesOfAnInterruptedCopyTakeItsUseAgainOnlyOnce(Db db)
    {
        await using var sale = await Sale.BoughtAsync(Streamed, "album.pdf", "race@example.com", db);
        await PartialBody.SaveAsync(sale.Shop.App.BaseAddress, sale.Link, sale.Folder.File("part.pdf"), 256 << 10);
        Assert.Equal([DownloadOutcomes.Interrupted], await sale.SettledOutcomesAsync());
        Assert.Equal(3, (await sale.EntitlementAsync()).UsesLeft);

        var statuses = await Task.WhenAll(Enumerable.Range(1, 4).Select(async i =>
        {
            using var response = await RangeAsync(sale, $"bytes={i << 20}-{(i << 20) + 99}");
            return (response.StatusCode, (await response.Content.ReadAsByteArrayAsync()).Length);
        }));

        Assert.All(statuses, s => Assert.Equal((HttpStatusCode.PartialContent, 100), s));
        await Eventually.HoldsAsync(async () => (await sale.OutcomesAsync()).Count(o => o == DownloadOutcomes.ResumeDelivered) == 4, "settling the resumes");
        Assert.Equal((2, 0, 0), ((await sale.EntitlementAsync()).UsesLeft, (await sale.EntitlementAsync()).StreamsOpen, (await sale.EntitlementAsync()).InterruptedCopies));
        Assert.Contains(DownloadOutcomes.InterruptedResumed, await sale.OutcomesAsync());
    }

    [Fact]
    public async Task ARangeAfterTheWindowOrOfARevokedPurchaseIsNotAFreeResume()
    {
        await using var sale = await Sale.BoughtAsync(InMemory, "album.pdf", "late@example.com");
        var (whole, _) = await WholeAsync(sale);
        // The copy started 25 hours ago: past the default 24-hour window.
        await sale.Shop.App.WithDbAsync(d => d.Set<DownloadAttempt>().ExecuteUpdateAsync(s => s.SetProperty(a => a.At, a => a.At.AddHours(-25))));

        using var late = await RangeAsync(sale, "bytes=1000-");

        Assert.Equal(HttpStatusCode.PartialContent, late.StatusCode);
        Assert.Equal(whole[1000..], await late.Content.ReadAsByteArrayAsync());
        await sale.SettledOutcomesAsync(2);
        Assert.Equal([DownloadOutcomes.Delivered, DownloadOutcomes.Delivered], await sale.OutcomesAsync());
        Assert.Equal(1, (await sale.EntitlementAsync()).UsesLeft);

        await sale.Shop.App.WithDbAsync(d => d.Set<Entitlement>().ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EntitlementStatus.Revoked)));
        using var revoked = await RangeAsync(sale, "bytes=2000-");
        Assert.Equal(HttpStatusCode.Forbidden, revoked.StatusCode);
    }

    private static async Task<(byte[] Bytes, EntityTagHeaderValue Tag)> WholeAsync(Sale sale)
    {
        using var response = await sale.Client.GetAsync(sale.Link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var attempts = (await sale.OutcomesAsync()).Count;
        await sale.SettledOutcomesAsync(attempts);
        return (bytes, response.Headers.ETag!);
    }

    private static async Task<HttpResponseMessage> RangeAsync(Sale sale, string range, string? ifRange = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, sale.Link);
        request.Headers.TryAddWithoutValidation("Range", range);
        if (ifRange is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Range", ifRange);
        }
        return await sale.Client.SendAsync(request);
    }

    private static Task<ProcessResult> Curl(params string[] arguments) =>
        ProcessRunner.RunAsync("curl", ["--silent", "--show-error", "--fail", .. arguments]);

    /// <summary>A buyer whose download broke off: the start of the body saved to a file, then the connection dropped.</summary>
    private static class PartialBody
    {
        public static async Task SaveAsync(Uri shop, string link, string file, int bytes)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 16 << 10 };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, shop.Port));
            await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {new Uri(link).PathAndQuery} HTTP/1.1\r\nHost: {shop.Authority}\r\n\r\n"));
            var received = new MemoryStream();
            var buffer = new byte[16 << 10];
            int bodyAt;
            while ((bodyAt = HeaderEnd(received)) < 0 || received.Length - bodyAt < bytes)
            {
                var read = await socket.ReceiveAsync(buffer);
                Assert.True(read > 0, "the copy ended before the break");
                received.Write(buffer, 0, read);
            }
            Assert.StartsWith("HTTP/1.1 200", Encoding.ASCII.GetString(received.GetBuffer(), 0, 12));
            await File.WriteAllBytesAsync(file, received.ToArray()[bodyAt..]);
        }

        private static int HeaderEnd(MemoryStream received)
        {
            var at = received.GetBuffer().AsSpan(0, (int)received.Length).IndexOf("\r\n\r\n"u8);
            return at < 0 ? -1 : at + 4;
        }
    }
}
