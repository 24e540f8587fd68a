using Storefront.Downloads.Stamping;
using Storefront.Stamping.Tests.Support;

namespace Storefront.Stamping.Tests;

/// <summary>What the engine does with masters that are unusual on purpose: signed, restricted, not PDFs, broken.</summary>
public sealed class PolicyTests
{
    private static readonly PdfStamper Stamper = new();
    private static readonly StampRequest Buyer = new("Priya Sharma", "priya@example.com", "1042", "ent-policy");

    [Fact]
    public void ASignedMasterIsStampedAndValidationWarnsThatCopiesLoseTheSignature()
    {
        var master = Corpus.Get("digitally-signed-pkcs7-detached.pdf").Read();

        var validation = Stamper.Validate(master, "signed.pdf");

        Assert.True(validation.CanServe);
        Assert.Contains(MasterWarning.DigitallySigned, validation.Warnings);
        Assert.Contains(validation.WarningMessages, m => m.Contains("signature", StringComparison.Ordinal));
        Assert.Equal(StampStatus.Stamped, Stamper.Stamp(master, Buyer).Status);
    }

    [Fact]
    public void AnOwnerRestrictedMasterThatOpensWithoutAPasswordIsStampedIntoAnUnencryptedCopy()
    {
        var master = Corpus.Get("encrypted-aes256-r6-empty-user-password-owner-restricted.pdf").Read();

        var validation = Stamper.Validate(master, "restricted.pdf");
        var copy = Stamper.Stamp(master, Buyer).Output.ToArray();

        Assert.True(validation.CanServe);
        Assert.Contains(MasterWarning.OwnerRestrictionsIgnored, validation.Warnings);
        Assert.Contains(MasterWarning.EncryptionRemoved, validation.Warnings);
        using var file = Tools.Temp(copy);
        Assert.Matches(@"Encrypted:\s+no", Tools.Run("pdfinfo", file.Path).Stdout);
    }

    [Fact]
    public void ADamagedButRepairableMasterIsAcceptedWithARepairWarning()
    {
        var validation = Stamper.Validate(Corpus.Get("damaged-xref-prev-loop-30-pages.pdf").Read(), "damaged.pdf");

        Assert.True(validation.CanServe);
        Assert.Equal(30, validation.PageCount);
        Assert.Contains(MasterWarning.Repaired, validation.Warnings);
    }

    [Fact]
    public void ANonPdfMasterPassesThroughUnchangedAndTheEngineSaysItWasNotStamped()
    {
        var zip = "PK\u0003\u0004\u0014\u0000\u0000\u0000 a zip archive of the product"u8.ToArray();

        var result = Stamper.Stamp(zip, Buyer);
        var validation = Stamper.Validate(zip, "bundle.zip");

        Assert.Equal(StampStatus.PassedThrough, result.Status);
        Assert.Equal(zip, result.Output.ToArray());
        Assert.Contains("not stamped", result.Message, StringComparison.Ordinal);
        Assert.True(validation.CanServe);
        Assert.False(validation.IsPdf);
    }

    [Fact]
    public void AFileNamedPdfThatIsNotAPdfIsRefusedAtUpload()
    {
        var validation = Stamper.Validate("<html>Not found</html>"u8.ToArray(), "book.pdf");

        Assert.False(validation.CanServe);
        Assert.Equal(RejectionReason.NotPdf, validation.Rejection);
        Assert.Equal("The file is not a PDF.", validation.Message);
    }

    [Fact]
    public void APdfWithoutPagesIsRefused()
    {
        var pdf = new PdfBuilder();
        var catalog = pdf.Reserve();
        var pages = pdf.Add("<< /Type /Pages /Kids [] /Count 0 >>");
        pdf.Set(catalog, $"<< /Type /Catalog /Pages {pages} 0 R >>");

        var result = Stamper.Stamp(pdf.Build(catalog), Buyer);

        Assert.Equal(StampStatus.Rejected, result.Status);
        Assert.Equal(RejectionReason.NoPages, result.Rejection);
        Assert.Equal("The PDF has no pages.", result.Message);
    }

    [Fact]
    public void APdfTruncatedBeyondRepairIsRefusedAsDamaged()
    {
        var master = Corpus.Get("objstm-xrefstm-pdflatex-4-pages.pdf").Read()[..400];

        var result = Stamper.Stamp(master, Buyer);
        var validation = Stamper.Validate(master, "cut.pdf");

        Assert.Equal(StampStatus.Rejected, result.Status);
        Assert.Equal(RejectionReason.Damaged, result.Rejection);
        Assert.StartsWith("The PDF is damaged beyond repair", result.Message, StringComparison.Ordinal);
        Assert.Equal(RejectionReason.Damaged, validation.Rejection);
    }

    [Fact]
    public void FormFieldsAndAnnotationsSurviveStamping()
    {
        foreach (var name in new[] { "acroform-libreoffice-9-fields.pdf", "annotations-on-page-rotated-90.pdf", "annotations-text-highlight-ink.pdf", "pdf20-utf8-thai-annotation-string.pdf" })
        {
            var master = Corpus.Get(name).Read();
            var copy = Stamper.Stamp(master, Buyer).Output.ToArray();

            Assert.Equal(QpdfJson.FieldNames(master), QpdfJson.FieldNames(copy));
            Assert.Equal(QpdfJson.Annotations(master), QpdfJson.Annotations(copy));
        }
        Assert.Equal(9, QpdfJson.FieldNames(Corpus.Get("acroform-libreoffice-9-fields.pdf").Read()).Count);
    }

    [Fact]
    public void TheWordingFollowsTheTemplateWithEveryPlaceholder()
    {
        var request = Buyer with { Template = "For {name} <{email}> order #{order}, code {code}" };

        var copy = Stamper.Stamp(PdfBuilder.TextDocument(1), request).Output.ToArray();

        var code = StampTemplate.LicenceCode(Buyer.Fingerprint);
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", code);
        Assert.Contains($"For Priya Sharma <priya@example.com> order #1042, code {code}", PdfChecks.PageTexts(copy)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultWordingNamesTheBuyerButNotTheEmail()
    {
        var text = StampTemplate.Render(StampTemplate.Default, Buyer with { BuyerName = "Priya\r\nSharma\u0000" });

        Assert.StartsWith("Licensed to Priya Sharma · Order 1042 · Licence ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("priya@example.com", text, StringComparison.Ordinal);
        Assert.StartsWith("Licensed to Priya Sharma · priya@example.com · Order 1042", StampTemplate.Render(StampTemplate.WithEmail, Buyer), StringComparison.Ordinal);
    }
}
