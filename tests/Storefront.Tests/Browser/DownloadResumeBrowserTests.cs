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

    /// <summary>
    /// Chromium resumes by itself (a few times) only an interruption it may retry at once: a body that ended short of its
    /// Content-Length from a server with a strong validator, or a timeout. So this copy, which has its length, is cut
    /// by closing the connection where it stands.
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
        Assert.Equal(DownloadOutcomes.InterruptedResumed, attempts[0].Outcome);
        Assert.Contains(attempts[1].Outcome, new[] { DownloadOutcomes.ResumeDelivered, DownloadOutcomes.ResumeInterrupted });
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
