using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Downloads.Entitlements;
using Storefront.Downloads.Tracing;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Downloads.Trace;

/// <summary>
/// A copy bought and downloaded from a real shop is traced back to its purchase, untouched and after the ways leaked
/// copies are laundered; what it cannot trace it says so, and never names a buyer on a guess.
/// </summary>
public sealed class LeakTraceTests
{
    private const string Buyer = "leaker@example.com";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task AnUntouchedCopyIsTracedFromItsFingerprintWithEveryDeliveryAndTheTraceIsAudited(Db db)
    {
        await using var leak = await LeakedCopy.BoughtAsync(db, downloads: 2);
        var entitlement = await leak.EntitlementOfAsync(Buyer);

        var result = await leak.TraceAsync(leak.Copy);

        var copy = Assert.IsType<TracedCopy>(result.Copy);
        Assert.Equal((entitlement.Id, entitlement.OrderNumber, "Lee Leaker", Buyer, entitlement.LicenseCode),
            (copy.EntitlementId, copy.OrderNumber, copy.BuyerName, copy.BuyerEmail, copy.LicenceCode));
        Assert.Equal(EvidenceStrength.Strong, result.Strength);
        Assert.Equal("fingerprint in document information, XMP metadata, the content of 4 of 4 pages + licence code", LeakedCopy.Survivors(result));
        Assert.Equal(2, copy.Deliveries.Count);
        Assert.All(copy.Deliveries, d => Assert.Equal((DownloadOutcomes.Delivered, LeakedCopy.UserAgent, "127.0.0.1"), (d.Outcome, d.UserAgent, d.IpAddress)));
        Assert.True(copy.Deliveries[0].At <= copy.Deliveries[1].At);

        var audit = await leak.Shop.App.WithDbAsync(d => d.Set<AuditEntry>().SingleAsync(e => e.Action == "leak.traced"));
        Assert.Equal($"order {entitlement.OrderNumber}", audit.Target);
        Assert.Contains("found.pdf (SHA-256 ", audit.Details);
        Assert.Contains($"Traced to order {entitlement.OrderNumber}: Lee Leaker <{Buyer}>", audit.Details);
        leak.Shop.App.Logs.AssertNoErrors();
    }

    /// <summary>The survival table in README is this test's expectations: which marks still name the purchase afterwards.</summary>
    [Theory]
    [InlineData("qpdf rewrite", "fingerprint in document information, XMP metadata, the content of 4 of 4 pages + licence code", EvidenceStrength.Strong)]
    [InlineData("qpdf metadata strip", "fingerprint in the content of 4 of 4 pages + licence code", EvidenceStrength.Strong)]
    [InlineData("exiftool -all=", "fingerprint in the content of 4 of 4 pages + licence code", EvidenceStrength.Strong)]
    [InlineData("one page extracted", "fingerprint in page 1 content + licence code", EvidenceStrength.Strong)]
    // Ghostscript rebuilds the file from what it draws: no Info key of ours, no XMP, no marked content; the text stays.
    [InlineData("Ghostscript pdfwrite", "licence code", EvidenceStrength.Moderate)]
    public async Task ALaunderedCopyIsStillTracedToItsBuyer(string how, string survivors, EvidenceStrength strength)
    {
        await using var leak = await LeakedCopy.BoughtAsync();
        var entitlement = await leak.EntitlementOfAsync(Buyer);

        var result = await leak.TraceAsync(await leak.LaunderAsync(how, leak.Copy));

        Assert.Equal(entitlement.Id, result.Copy?.EntitlementId);
        Assert.Equal(survivors, LeakedCopy.Survivors(result));
        Assert.Equal(strength, result.Strength);
    }

    /// <summary>
    /// The README row for Chromium's print: the copy opened in Chromium's own PDF viewer, Print, "Save as PDF". The printer
    /// (PDFium) copies each page's content stream as it is but writes a new file around it: no Info key of ours, no XMP,
    /// a new /ID. The marked content in the footers, and so the fingerprint, comes through on every page.
    /// </summary>
    [Fact]
    public async Task ACopyPrintedToPdfByChromiumIsTracedFromTheFingerprintInItsPages()
    {
        await using var leak = await LeakedCopy.BoughtAsync();
        await leak.BuyAndDownloadAsync("other@example.com", "Otto Other");
        var entitlement = await leak.EntitlementOfAsync(Buyer);

        var printed = await leak.LaunderAsync("Chromium Save as PDF", leak.Copy);

        await File.WriteAllBytesAsync(leak.Folder.File("printed.pdf"), printed);
        var info = await ProcessRunner.RunAsync("pdfinfo", [leak.Folder.File("printed.pdf")]);
        Assert.Matches(@"Producer:\s+PDFium\n", info.Output);
        Assert.Matches(@"Metadata Stream:\s+no\n", info.Output);
        var pages = await PdfTools.PageTextsAsync(printed);
        Assert.Equal(4, pages.Count);
        Assert.All(pages, text => Assert.Contains($"Lee Leaker · Order {entitlement.OrderNumber} · Licence {entitlement.LicenseCode}", text));

        var result = await leak.TraceAsync(printed);

        var copy = Assert.IsType<TracedCopy>(result.Copy);
        Assert.Equal((entitlement.Id, Buyer), (copy.EntitlementId, copy.BuyerEmail));
        Assert.Equal("fingerprint in the content of 4 of 4 pages + licence code", LeakedCopy.Survivors(result));
        Assert.Equal(EvidenceStrength.Strong, result.Strength);
        Assert.Equal($"Traced to order {entitlement.OrderNumber}: Lee Leaker <{Buyer}>, from the fingerprint and the visible licence code.", result.Message);
        leak.Shop.App.Logs.AssertNoErrors();
    }

    /// <summary>
    /// The README row for pdf.js's print in Chromium (the viewer of Firefox and of many sites): pdf.js draws each page as a
    /// picture and the browser prints the pictures, so the printed file has the pages but no text and no mark at all.
    /// </summary>
    [Fact]
    public async Task ACopyPrintedFromPdfJsIsPicturesOnlyAndSaysPlainlyItCannotBeTraced()
    {
        await using var leak = await LeakedCopy.BoughtAsync();

        var printed = await leak.LaunderAsync("pdf.js print in Chromium", leak.Copy);

        await File.WriteAllBytesAsync(leak.Folder.File("printed.pdf"), printed);
        var pages = await PdfTools.PageTextsAsync(printed);
        Assert.Equal(4, pages.Count);
        Assert.All(pages, text => Assert.Equal("", text.Trim()));
        var images = await ProcessRunner.RunAsync("pdfimages", ["-list", leak.Folder.File("printed.pdf")]);
        Assert.Equal([1, 2, 3, 4], images.Output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).Select(l => int.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture)));
        // The pictures are the pages, footer and all, for a person to read: each has about as much ink as the copy's page.
        await File.WriteAllBytesAsync(leak.Folder.File("copy.pdf"), leak.Copy);
        var (copyInk, printedInk) = (await InkAsync(leak.Folder, "copy.pdf"), await InkAsync(leak.Folder, "printed.pdf"));
        Assert.All(copyInk.Zip(printedInk), page => Assert.InRange(page.Second, page.First * 0.8, page.First * 1.2));

        var result = await leak.TraceAsync(printed);

        Assert.Null(result.Copy);
        Assert.Empty(result.Evidence);
        Assert.Equal("This file cannot be traced: it carries no fingerprint, document ID or licence code of a copy from this shop.", result.Message);
        leak.Shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ACopyStrippedOfEveryFingerprintIsTracedFromItsDocumentId()
    {
        await using var leak = await LeakedCopy.BoughtAsync();
        var entitlement = await leak.EntitlementOfAsync(Buyer);

        var result = await leak.TraceAsync(await leak.WithOnlyItsDocumentIdAsync());

        Assert.Equal(entitlement.Id, result.Copy?.EntitlementId);
        Assert.Equal("document ID in the trailer /ID + licence code", LeakedCopy.Survivors(result));
        Assert.DoesNotContain(result.Evidence, e => e.Kind == "fingerprint");
    }

    [Fact]
    public async Task APdfTheShopNeverSoldCannotBeTracedNotEvenItsOwnMaster()
    {
        await using var leak = await LeakedCopy.BoughtAsync();

        var result = await leak.TraceAsync(await File.ReadAllBytesAsync(TestRecipe.SamplePdf));

        Assert.Null(result.Copy);
        Assert.Null(result.Refusal);
        Assert.Empty(result.Evidence);
        Assert.Equal("This file cannot be traced: it carries no fingerprint, document ID or licence code of a copy from this shop.", result.Message);
        var audit = await leak.Shop.App.WithDbAsync(d => d.Set<AuditEntry>().SingleAsync(e => e.Action == "leak.untraced"));
        Assert.Equal("an untraced file", audit.Target);
    }

    [Fact]
    public async Task PagesOfTwoBuyersCopiesInOneFileNameNoBuyer()
    {
        await using var leak = await LeakedCopy.BoughtAsync();
        var other = await leak.BuyAndDownloadAsync("other@example.com", "Otto Other");

        var result = await leak.TraceAsync(await leak.LaunderAsync("two copies merged", leak.Copy, other));

        Assert.Null(result.Copy);
        Assert.StartsWith("This file cannot be traced: its marks disagree, naming 2 different purchases", result.Message);
        Assert.DoesNotContain("leaker@example.com", result.Message);
    }

    [Fact]
    public async Task FilesThatCannotBeReadAreRefusedWithTheReason()
    {
        await using var leak = await LeakedCopy.BoughtAsync();

        Assert.Equal(UnreadableReason.NotPdf, (await leak.TraceAsync(TestRecipe.Png(8, 8))).Refusal);
        Assert.Equal(UnreadableReason.Empty, (await leak.TraceAsync([])).Refusal);
        var locked = await leak.TraceAsync(await leak.LaunderAsync("password", leak.Copy));
        Assert.Equal(UnreadableReason.Encrypted, locked.Refusal);
        Assert.Contains("protected by a password", locked.Message);
        var truncated = await leak.TraceAsync(leak.Copy[..200]);
        Assert.Null(truncated.Copy);
        Assert.NotNull(truncated.Refusal);
        // The reason quotes qpdf, which names the file as it was told: a found copy is no master of this shop.
        Assert.DoesNotContain("master.pdf", truncated.Message);
        Assert.Contains("the file", truncated.Message);
        leak.Shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheTraceCommandPrintsTheBuyerAndDeliveriesOrSaysItCannotTrace()
    {
        await using var leak = await LeakedCopy.BoughtAsync();
        var entitlement = await leak.EntitlementOfAsync(Buyer);
        await File.WriteAllBytesAsync(leak.Folder.File("leak.pdf"), await leak.LaunderAsync("Ghostscript pdfwrite", leak.Copy));

        var traced = await leak.Shop.App.RunCliAsync("trace", leak.Folder.File("leak.pdf"));

        Assert.Equal(0, traced.ExitCode);
        Assert.Contains($"Traced to order {entitlement.OrderNumber}: Lee Leaker <{Buyer}>", traced.Output);
        Assert.Contains($"Licence code: {entitlement.LicenseCode}", traced.Output);
        Assert.Contains(LeakedCopy.UserAgent, traced.Output);

        var untraced = await leak.Shop.App.RunCliAsync("trace", TestRecipe.SamplePdf);
        Assert.Equal(3, untraced.ExitCode);
        Assert.Contains("This file cannot be traced", untraced.Error);
        Assert.DoesNotContain(Buyer, untraced.Output + untraced.Error);

        var missing = await leak.Shop.App.RunCliAsync("trace", leak.Folder.File("nowhere.pdf"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No file at", missing.Error);
        var audits = await leak.Shop.App.WithDbAsync(d => d.Set<AuditEntry>().Where(e => e.Action.StartsWith("leak.")).Select(e => e.Details!).ToListAsync());
        Assert.Equal(2, audits.Count);
        Assert.All(audits, details => Assert.Contains("on the command line as ", details));
    }

    /// <summary>The share of dark pixels on each page of <paramref name="name"/>, drawn by poppler at 40 dpi.</summary>
    private static async Task<double[]> InkAsync(TempFolder folder, string name)
    {
        var prefix = folder.File(name + ".ink");
        var drawn = await ProcessRunner.RunAsync("pdftoppm", ["-r", "40", "-png", folder.File(name), prefix]);
        Assert.True(drawn.ExitCode == 0, drawn.Error);
        return [.. Enumerable.Range(1, 4).Select(page =>
        {
            var pixels = PngPixels.Decode(File.ReadAllBytes($"{prefix}-{page}.png"));
            var dark = 0;
            for (var at = 0; at < pixels.Rgba.Length; at += 4)
            {
                dark += pixels.Rgba[at] + pixels.Rgba[at + 1] + pixels.Rgba[at + 2] < 3 * 160 ? 1 : 0;
            }
            return (double)dark / (pixels.Width * pixels.Height);
        })];
    }
}
