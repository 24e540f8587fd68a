using Storefront.Downloads.Stamping;
using Storefront.Stamping.Tests.Support;

namespace Storefront.Stamping.Tests;

/// <summary>A leaked copy leads back to its purchase, even after its metadata was stripped.</summary>
public sealed class FingerprintTests
{
    private static readonly PdfStamper Stamper = new();
    // The email is the longest word of the line, the easiest to find again on a page: these tests stamp the wording that shows it.
    private static readonly StampRequest Buyer = new("Priya Sharma", "priya@example.com", "1042", "ent-0193f2a4-7c1d") { Template = StampTemplate.WithEmail };

    [Fact]
    public void TheFingerprintIsInTheInfoDictionaryAndTheXmpPacketAndTheOriginalXmpIsKept()
    {
        var copy = Stamper.Stamp(Corpus.Get("pdf20-simple.pdf").Read(), Buyer).Output.ToArray();
        using var file = Tools.Temp(copy);

        Assert.Contains("SFID:", Tools.Run("pdfinfo", "-custom", file.Path).Stdout);
        Assert.Contains(Buyer.Fingerprint, Tools.Run("pdfinfo", "-custom", file.Path).Stdout);
        var xmp = Tools.Run("pdfinfo", "-meta", file.Path).Stdout;
        Assert.Contains($"<sfstamp:fingerprint>{Buyer.Fingerprint}</sfstamp:fingerprint>", xmp);
        Assert.Contains("Copyright 2017 PDF Association", xmp);
    }

    [Fact]
    public void ACopyWhosePagesWereExtractedIntoANewFileWithoutMetadataStillCarriesTheFingerprint()
    {
        var copy = Stamper.Stamp(Corpus.Get("real-manual-43-pages-pdf14-fop-links-outlines.pdf").Read(), Buyer).Output.ToArray();
        using var stamped = Tools.Temp(copy);
        using var laundered = Tools.Temp([]);
        var run = Tools.Run("qpdf", "--empty", "--pages", stamped.Path, "5-7", "--", laundered.Path);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var stripped = File.ReadAllBytes(laundered.Path);

        using (var check = Tools.Temp(stripped))
        {
            Assert.DoesNotContain("SFID", Tools.Run("pdfinfo", "-custom", check.Path).Stdout);
        }
        Assert.True(Stamper.TryReadFingerprint(stripped, out var fingerprint));
        Assert.Equal(Buyer.Fingerprint, fingerprint);
    }

    [Fact]
    public void AMasterThatWasNeverStampedHasNoFingerprint()
    {
        Assert.False(Stamper.TryReadFingerprint(Corpus.Get("pdf20-simple.pdf").Read(), out var none));
        Assert.Null(none);
        Assert.False(Stamper.TryReadFingerprint("PK\u0003\u0004 not a pdf"u8.ToArray(), out _));
        Assert.False(Stamper.TryReadFingerprint(Corpus.Get("encrypted-rc4-128-user-password-required.pdf").Read(), out _));
    }

    [Fact]
    public void StampingACopyAgainReportsTheLatestPurchase()
    {
        var first = Stamper.Stamp(PdfBuilder.TextDocument(2), Buyer).Output.ToArray();
        var second = Stamper.Stamp(first, Buyer with { Fingerprint = "ent-second" }).Output.ToArray();

        PdfChecks.AssertQpdfCheckPasses(second);
        Assert.True(Stamper.TryReadFingerprint(second, out var fingerprint));
        Assert.Equal("ent-second", fingerprint);
    }

    [Fact]
    public void AFingerprintThatCouldBreakOutOfThePdfStringIsRefused()
    {
        Assert.Throws<ArgumentException>(() => Stamper.Stamp(PdfBuilder.TextDocument(1), Buyer with { Fingerprint = "a) Tj (b" }));
    }
}
