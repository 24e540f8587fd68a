using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storefront.Downloads.Entitlements;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Payments;

namespace Storefront.Tests.Browser;

/// <summary>
/// A buyer's download in real Chromium breaks off part-way; Chromium continues it with <c>Range</c> and <c>If-Range</c> on
/// the copy's ETag, and the file it saves is the copy a whole download gives, for one use. Between Chromium and the shop
/// sits a relay that breaks the first download's connection off after <see cref="CutAfter"/> bytes.
/// </summary>
public sealed partial class DownloadResumeBrowserTests : BrowserTest
{
    private const int CutAfter = 256 << 10;

    // 2 MB, stamped in memory and sent with its length.
    private static GeneratedPdf InMemory => new(pages: 2, width: 1024, height: 1024);

    // 12.6 MB: over the 8 MB a copy is stamped in memory, so it streams while qpdf writes it, with no length up front.
    private static GeneratedPdf Streamed => new(pages: 3, width: 2048, height: 2048);

    /// <summary>
    /// Chromium resumes by itself (up to five times) only an interruption it may retry at once: a body that ended short of
    /// its Content-Length from a server with a strong validator, or a timeout. A network failure (a reset, a chunked body
    /// that stops) waits for the user's Resume, as below. So this copy, which has its length, is cut by closing the
    /// connection where it stands.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ChromiumResumesByItselfACopyCutShortOfItsLengthIntoTheSameBytesForOneUse(Db db)
    {
        await using var sale = await Sale.BoughtAsync(InMemory, "album.pdf", "chromium@example.com", db);
        await using var relay = CuttingRelay.Start(sale.Shop.App.BaseAddress, CutAfter);
        var (page, errors) = await SuccessPageAsync(sale, relay);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download Photo Album" }).ClickAsync());
        var failure = await download.FailureAsync();
        Assert.True(failure is null, $"Chromium gave up on the download ({failure}); it asked:\n{Asked(relay)}");
        var file = sale.Folder.File("chromium.pdf");
        await download.SaveAsAsync(file);

        await AssertOneCopyForOneUseAsync(sale, relay, file, pages: 2);
        Assert.Empty(errors);
        sale.Shop.App.Logs.AssertNoErrors();
    }

    /// <summary>
    /// A copy streamed without a length and cut part-way is one Chromium does not retry by itself: its downloads page
    /// shows it as failed with a network error, and the buyer chooses Resume from the download's menu.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ABuyerResumesAStreamedCopyCutPartWayFromChromiumsDownloadsPageIntoTheSameBytesForOneUse(Db db)
    {
        await using var sale = await Sale.BoughtAsync(Streamed, "album.pdf", "resume@example.com", db);
        await using var relay = CuttingRelay.Start(sale.Shop.App.BaseAddress, CutAfter);
        var (page, errors) = await SuccessPageAsync(sale, relay);
        // Chromium saves into the test's folder under the copy's own name, where the file is once the resume finished
        // (Playwright forgets a download Chromium once reported as interrupted).
        var folder = sale.Folder.File("downloads");
        Directory.CreateDirectory(folder);
        var target = await (await page.Context.NewCDPSessionAsync(page)).SendAsync("Target.getTargetInfo");
        await (await Browser.NewBrowserCDPSessionAsync()).SendAsync("Browser.setDownloadBehavior", new Dictionary<string, object>
        {
            ["behavior"] = "allow",
            ["browserContextId"] = target!.Value.GetProperty("targetInfo").GetProperty("browserContextId").GetString()!,
            ["downloadPath"] = folder,
            ["eventsEnabled"] = true,
        });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download Photo Album" }).ClickAsync());
        // DevTools reports an interrupted download as canceled and stops following it.
        Assert.Equal("canceled", await download.FailureAsync());
        Assert.Single(relay.Downloads);
        var downloads = await page.Context.NewPageAsync();
        await downloads.GotoAsync("chrome://downloads");
        await Assertions.Expect(downloads.GetByRole(AriaRole.Gridcell, new() { Name = "album.pdf Failed - Network error" })).ToBeVisibleAsync();
        await downloads.GetByRole(AriaRole.Button, new() { Name = "More actions" }).ClickAsync();
        await downloads.GetByRole(AriaRole.Menuitem, new() { Name = "Resume" }).ClickAsync();

        var file = Path.Combine(folder, "album.pdf");
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(file)), "Chromium finishing the resumed download", seconds: 60);
        await AssertOneCopyForOneUseAsync(sale, relay, file, pages: 3);
        Assert.Empty(errors);
        sale.Shop.App.Logs.AssertNoErrors();
    }

    /// <summary>The buyer's success page, opened in Chromium through the relay.</summary>
    private async Task<(IPage Page, List<string> Errors)> SuccessPageAsync(Sale sale, CuttingRelay relay)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = relay.Address.ToString(), AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        // Without a base URL the shop links to the address it was asked on, so the page's download link goes through the relay.
        await page.GotoAsync(sale.SuccessUrl.PathAndQuery);
        return (page, errors);
    }

    /// <summary>
    /// The relay saw the first download answered whole and cut, then Chromium's range from where its file ended, on the
    /// copy's ETag, answered 206; the gate logged the resume of the broken-off copy, which cost one use in all; the file
    /// is the bytes of a whole copy fetched afterwards, a sound PDF with the buyer's name on every page.
    /// </summary>
    private static async Task AssertOneCopyForOneUseAsync(Sale sale, CuttingRelay relay, string file, int pages)
    {
        // The break and the resume, as Chromium asked and the shop answered.
        var downloads = relay.Downloads;
        Assert.True(downloads.Count == 2, "Chromium asked:\n" + Asked(relay));
        var (first, resume) = (downloads[0], downloads[1]);
        Assert.Null(first.RequestHeader("Range"));
        Assert.StartsWith("HTTP/1.1 200", first.Answer);
        Assert.Equal("bytes", first.AnswerHeader("Accept-Ranges"));
        var tag = first.AnswerHeader("ETag");
        Assert.StartsWith("\"", tag);
        var kept = long.Parse(Assert.Single(StartOfRange().Matches(resume.RequestHeader("Range") ?? "")).Groups[1].Value);
        Assert.InRange(kept, 1, CutAfter);
        Assert.Equal(tag, resume.RequestHeader("If-Range"));
        Assert.StartsWith("HTTP/1.1 206", resume.Answer);
        Assert.Equal(tag, resume.AnswerHeader("ETag"));

        // One whole copy, one use: the broken-off copy gave its use back and the resume took it again.
        await Eventually.HoldsAsync(async () => (await sale.OutcomesAsync()) is { Count: 2 } o && !o.Contains(DownloadOutcomes.Resuming)
            && !o.Contains(DownloadOutcomes.Started), "settling the resume");
        var attempts = await sale.Shop.App.WithDbAsync(d => d.Set<DownloadAttempt>().AsNoTracking().OrderBy(a => a.At).ToListAsync());
        // Unlike curl, Chromium keeps the connection open after the last byte, so the shop sees the rest arrive.
        Assert.Equal([DownloadOutcomes.InterruptedResumed, DownloadOutcomes.ResumeDelivered], attempts.Select(a => a.Outcome));
        var entitlement = await sale.EntitlementAsync();
        Assert.Equal((2, 0, 0), (entitlement.UsesLeft, entitlement.StreamsOpen, entitlement.InterruptedCopies));

        using var whole = await sale.Client.GetAsync(sale.Link);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        var wholeBytes = await whole.Content.ReadAsByteArrayAsync();
        Assert.Equal(tag, whole.Headers.ETag!.Tag);
        var saved = await File.ReadAllBytesAsync(file);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(wholeBytes)), Convert.ToHexString(SHA256.HashData(saved)));
        Assert.Equal((attempts[0].Id, wholeBytes.Length - kept), (attempts[1].ResumeOf!.Value, attempts[1].BytesSent!.Value));
        Assert.Equal($"bytes {kept}-{wholeBytes.Length - 1}/{wholeBytes.Length}", resume.AnswerHeader("Content-Range"));
        var check = await ProcessRunner.RunAsync("qpdf", ["--check", file]);
        Assert.True(check.ExitCode == 0, check.All);
        var texts = await PdfTools.PageTextsAsync(saved);
        Assert.Equal(pages, texts.Count);
        Assert.All(texts, text => Assert.Contains("Album Buyer", text));
    }

    private static string Asked(CuttingRelay relay) => string.Join("\n---\n", relay.Downloads.Select(d => d.Request + "\n=> " + d.Answer));

    [System.Text.RegularExpressions.GeneratedRegex(@"^bytes=([0-9]+)-$")]
    private static partial System.Text.RegularExpressions.Regex StartOfRange();
}
