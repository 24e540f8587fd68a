using Storefront.Downloads.Stamping.Fonts;
using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// One stamping run. Owns the qpdf instance, so <see cref="Output"/> (qpdf's buffer when stamped) is
/// valid until the job is disposed. Every qpdf failure ends here as a typed rejection.
/// </summary>
internal sealed class StampJob : IDisposable
{
    private QpdfDocument? _document;

    private StampJob(StampStatus status, ReadOnlyMemory<byte> output, RejectionReason? rejection, string message, int pages)
    {
        Status = status;
        Output = output;
        Rejection = rejection;
        Message = message;
        PageCount = pages;
    }

    public StampStatus Status { get; }
    public ReadOnlyMemory<byte> Output { get; }
    public RejectionReason? Rejection { get; }
    public string Message { get; }
    public int PageCount { get; }
    public List<MasterWarning> Warnings { get; } = [];

    public static StampJob Run(ReadOnlyMemory<byte> master, StampRequest request, StampingOptions options, FontLibrary fonts)
    {
        if (!Fingerprint.Valid().IsMatch(request.Fingerprint))
        {
            throw new ArgumentException("A fingerprint is 1-128 letters, digits, '.', '_' or '-'.", nameof(request));
        }
        if (!PdfSniffer.LooksLikePdf(master.Span))
        {
            return new StampJob(StampStatus.PassedThrough, master, null, "Not a PDF: passed through unchanged, not stamped.", 0);
        }
        QpdfDocument? document = null;
        try
        {
            document = QpdfDocument.Open(master);
            var pages = document.PageCount;
            if (pages <= 0)
            {
                return Rejected(RejectionReason.NoPages, null, 0);
            }
            var warnings = Inspect(document);
            var line = ShapedLine.Shape(StampTemplate.Render(request.Template ?? options.Template, request), fonts);
            document.PushInheritedAttributesToPages();
            var stamper = new PageStamper(document, line, request.Fingerprint, options.MaxFontSize);
            var pageObjects = Enumerable.Range(0, pages).Select(document.Page).ToList();
            for (var i = 0; i < pages; i++)
            {
                stamper.Stamp(pageObjects[i], i + 1);
            }
            FlattenPageTree(document, pageObjects);
            Fingerprint.Write(document, request.Fingerprint);
            var output = document.Write();
            if (document.WarningCount > 0 && !warnings.Contains(MasterWarning.Repaired))
            {
                warnings.Add(MasterWarning.Repaired);
            }
            var job = new StampJob(StampStatus.Stamped, output, null, $"Stamped {pages} page(s).", pages) { _document = document };
            job.Warnings.AddRange(warnings);
            document = null;
            return job;
        }
        catch (QpdfException e)
        {
            return e.Code switch
            {
                QpdfErrorCode.Password => Rejected(RejectionReason.PasswordRequired, null, 0),
                QpdfErrorCode.Unsupported => Rejected(RejectionReason.Unsupported, e.Message, 0),
                _ => Rejected(RejectionReason.Damaged, e.Message, 0),
            };
        }
        finally
        {
            document?.Dispose();
        }
    }

    public void Dispose() => _document?.Dispose();

    private static StampJob Rejected(RejectionReason reason, string? detail, int pages) =>
        new(StampStatus.Rejected, ReadOnlyMemory<byte>.Empty, reason,
            detail is null ? StampMessages.Describe(reason) : $"{StampMessages.Describe(reason)} ({detail})", pages);

    /// <summary>
    /// Rebuilds /Pages as one node listing exactly the pages that were stamped. Inherited attributes are
    /// already on each page, and a damaged tree (a wrong or missing /Count, a dead intermediate node) would
    /// otherwise let a reader count different pages than the ones that carry the footer.
    /// </summary>
    private static void FlattenPageTree(QpdfDocument document, List<uint> pages)
    {
        var root = document.Root;
        var tree = document.Get(root, "/Pages");
        if (!document.IsDictionary(tree))
        {
            throw new QpdfException(QpdfErrorCode.Pages, "the document has no page tree");
        }
        var kids = document.NewArray();
        foreach (var page in pages)
        {
            document.Append(kids, page);
            document.Set(page, "/Parent", tree);
        }
        foreach (var inherited in new[] { "/Resources", "/MediaBox", "/CropBox", "/Rotate", "/Parent" })
        {
            if (document.Has(tree, inherited))
            {
                document.Remove(tree, inherited);
            }
        }
        document.Set(tree, "/Type", document.NewName("/Pages"));
        document.Set(tree, "/Kids", kids);
        document.Set(tree, "/Count", document.NewInteger(pages.Count));
    }

    private static List<MasterWarning> Inspect(QpdfDocument document)
    {
        var warnings = new List<MasterWarning>();
        if (IsSigned(document))
        {
            warnings.Add(MasterWarning.DigitallySigned);
        }
        if (document.IsEncrypted)
        {
            warnings.Add(MasterWarning.EncryptionRemoved);
            if (!document.AllowsModification)
            {
                warnings.Add(MasterWarning.OwnerRestrictionsIgnored);
            }
        }
        if (document.IsLinearized)
        {
            warnings.Add(MasterWarning.LinearizationDropped);
        }
        if (document.WarningCount > 0)
        {
            warnings.Add(MasterWarning.Repaired);
        }
        return warnings;
    }

    private static bool IsSigned(QpdfDocument document)
    {
        var form = document.Get(document.Root, "/AcroForm");
        if (!document.IsDictionary(form))
        {
            return false;
        }
        var flags = document.Get(form, "/SigFlags");
        return document.TypeOf(flags) == PdfType.Integer && (document.Integer(flags) & 1) != 0;
    }
}
