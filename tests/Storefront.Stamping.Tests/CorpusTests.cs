using Storefront.Downloads.Stamping;
using Storefront.Stamping.Tests.Support;

namespace Storefront.Stamping.Tests;

/// <summary>Every file of the shared real-world corpus, stamped or refused as its manifest says.</summary>
public sealed class CorpusTests
{
    private static readonly PdfStamper Stamper = new();

    // The email is the longest word of the line, the easiest to find again on a page: these tests stamp the wording that shows it.
    private static readonly StampRequest Buyer = new("Priya Sharma", "priya@example.com", "1042", "ent-7f3a9c21-0b4e") { Template = StampTemplate.WithEmail };

    public static TheoryData<string> StampFiles => Corpus.Named("stamp");
    public static TheoryData<string> RejectFiles => Corpus.Named("reject");

    [Fact]
    public void TheManifestListsBothStampAndRejectFiles()
    {
        Assert.Equal(25, Corpus.Files.Count(f => f.Expected == "stamp"));
        Assert.Equal(2, Corpus.Files.Count(f => f.Expected == "reject"));
    }

    [Theory]
    [MemberData(nameof(StampFiles))]
    public void EveryStampFileGetsAValidCopyWithTheBuyerOnEveryPageAndTheFingerprintInside(string name)
    {
        var file = Corpus.Get(name);
        var master = file.Read();
        var original = master.ToArray();

        var result = Stamper.Stamp(master, Buyer);

        Assert.True(result.Status == StampStatus.Stamped, $"{name}: {result.Status} {result.Message}");
        Assert.Equal(original, master);
        var copy = result.Output.ToArray();
        PdfChecks.AssertQpdfCheckPasses(copy);

        var masterPages = PdfChecks.Pages(original);
        var copyPages = PdfChecks.Pages(copy);
        Assert.Equal(int.Parse(file.Pages, System.Globalization.CultureInfo.InvariantCulture), copyPages.Count);
        Assert.Equal(masterPages, copyPages);
        Assert.Equal(copyPages.Count, result.PageCount);

        var texts = PdfChecks.PageTexts(copy);
        Assert.Equal(copyPages.Count, texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.True(texts[i].Contains("priya@example.com", StringComparison.Ordinal), $"{name} page {i + 1} lacks the email: [{texts[i]}]");
            Assert.Contains("Order 1042", texts[i], StringComparison.Ordinal);
        }
        PdfChecks.AssertRenders(copy, copyPages.Count);

        Assert.True(Stamper.TryReadFingerprint(copy, out var fingerprint));
        Assert.Equal(Buyer.Fingerprint, fingerprint);
    }

    [Theory]
    [MemberData(nameof(StampFiles))]
    public void StampingTheSameMasterForTheSameBuyerTwiceGivesIdenticalBytes(string name)
    {
        var master = Corpus.Get(name).Read();
        var first = Stamper.Stamp(master, Buyer).Output.ToArray();
        var second = Stamper.Stamp(master, Buyer).Output.ToArray();
        Assert.Equal(first, second);
        var other = Stamper.Stamp(master, Buyer with { Fingerprint = "ent-other" }).Output.ToArray();
        Assert.NotEqual(first, other);
    }

    [Theory]
    [MemberData(nameof(RejectFiles))]
    public void EveryRejectFileIsRefusedBecauseItNeedsAPassword(string name)
    {
        var master = Corpus.Get(name).Read();

        var result = Stamper.Stamp(master, Buyer);
        var validation = Stamper.Validate(master, name);

        Assert.Equal(StampStatus.Rejected, result.Status);
        Assert.Equal(RejectionReason.PasswordRequired, result.Rejection);
        Assert.True(result.Output.IsEmpty);
        Assert.Contains("password", result.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(validation.CanServe);
        Assert.Equal(RejectionReason.PasswordRequired, validation.Rejection);
    }

    [Theory]
    [MemberData(nameof(StampFiles))]
    public void EveryStampFilePassesValidation(string name)
    {
        var validation = Stamper.Validate(Corpus.Get(name).Read(), name);
        Assert.True(validation.CanServe, validation.Message);
        Assert.True(validation.IsPdf);
        Assert.Null(validation.Rejection);
    }
}
