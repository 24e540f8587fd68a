using Storefront.Downloads.Stamping.Fonts;
using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// One stamping run: <see cref="Prepare"/> opens the master and stamps every page in qpdf's object
/// model; a Write method then produces the copy. Owns the qpdf instance until disposed. Every qpdf
/// failure ends as a typed rejection.
/// </summary>
internal sealed class StampJob : IDisposable
{
    /// <summary>
    /// Above this size a master on disk is read by qpdf in place and its copy is streamed out while qpdf
    /// writes it; below it, both are held in memory, which is faster and costs little.
    /// </summary>
    internal const long StreamingThreshold = 8L << 20;

    private readonly QpdfDocument? _document;
    private readonly MasterSource? _master;
    private readonly DocumentId? _id;
    private bool _retired;

    private StampJob(StampStatus status, RejectionReason? rejection, string message, int pages, QpdfDocument? document = null, DocumentId? id = null, MasterSource? master = null)
    {
        _master = master;
        Status = status;
        Rejection = rejection;
        Message = message;
        PageCount = pages;
        _document = document;
        _id = id;
    }

    public StampStatus Status { get; }
    public RejectionReason? Rejection { get; }
    public string Message { get; }
    public int PageCount { get; }
    public List<MasterWarning> Warnings { get; } = [];

    /// <summary>
    /// Opens and stamps the master. Given <paramref name="classes"/>, it is stamped as a copy template: footers and
    /// fingerprint are placeholders (see <see cref="CopyTemplate"/>) and <see cref="WriteTemplate"/> writes it.
    /// </summary>
    public static StampJob Prepare(MasterSource master, StampRequest request, StampingOptions options, FontLibrary fonts, FooterClasses? classes = null)
    {
        CheckFingerprint(request);
        if (!PdfSniffer.LooksLikePdf(master.Head))
        {
            return new StampJob(StampStatus.PassedThrough, null, "Not a PDF: passed through unchanged, not stamped.", 0);
        }
        QpdfDocument? document = null;
        try
        {
            document = master.Open();
            var pages = document.PageCount;
            if (pages <= 0)
            {
                return Rejected(RejectionReason.NoPages, null);
            }
            var warnings = Inspect(document);
            var text = StampWording.LineFor(options, request);
            var line = ShapedLine.Shape(text, fonts);
            document.PushInheritedAttributesToPages();
            var pageObjects = Enumerable.Range(0, pages).Select(document.Page).ToList();
            using var content = new PageContent(document, options.MaxPageContentBytes);
            content.Prefetch(pageObjects);
            var fingerprint = classes is null ? request.Fingerprint : CopyTemplate.FingerprintPlaceholder;
            var stamper = new PageStamper(document, line, fingerprint, options.MaxFontSize, content, classes);
            for (var i = 0; i < pages; i++)
            {
                stamper.Stamp(pageObjects[i], i + 1);
            }
            PageTree.Flatten(document, pageObjects);
            Fingerprint.Write(document, fingerprint, ownInfo: classes is not null);
            var job = new StampJob(StampStatus.Stamped, null, $"Stamped {pages} page(s).", pages, document,
                DocumentId.For(master, text, request.Fingerprint), master);
            job.Warnings.AddRange(warnings);
            document = null;
            return job;
        }
        catch (QpdfException e)
        {
            return Rejected(e);
        }
        finally
        {
            document?.Dispose();
        }
    }

    public static void CheckFingerprint(StampRequest request)
    {
        if (!Fingerprint.Valid().IsMatch(request.Fingerprint))
        {
            throw new ArgumentException("A fingerprint is 1-128 letters, digits, '.', '_' or '-'.", nameof(request));
        }
    }

    /// <summary>Writes the copy into a new array. Throws <see cref="QpdfException"/> if qpdf fails.</summary>
    public byte[] WriteToArray()
    {
        var copy = Document.Write().ToArray();
        _id!.Patch(copy, final: true);
        NoteRepairs();
        return copy;
    }

    /// <summary>
    /// Writes the document stamped with placeholders and finds them in qpdf's output. Throws <see cref="QpdfException"/>
    /// if qpdf fails, <see cref="TemplateUnusableException"/> if the placeholders cannot be replaced per copy.
    /// </summary>
    public CopyTemplate WriteTemplate(FooterClasses classes)
    {
        var written = Document.Write().ToArray();
        NoteRepairs();
        // As for a streamed copy: qpdf reads a master on disk while it writes, and recovers silently from a file changed under it.
        if (_master!.ChangedSinceOpened)
        {
            throw new QpdfException(QpdfErrorCode.DamagedPdf, "the master file changed while its copy was being written");
        }
        return CopyTemplate.Parse(written, classes.All, PageCount, Message);
    }

    /// <summary>Streams the copy; on a qpdf failure part-way the error is returned with the bytes already sent.</summary>
    public async Task<(long Written, QpdfException? Error)> WriteToAsync(Stream output, CancellationToken cancellationToken)
    {
        if (_master!.Length > StreamingThreshold && Directory.Exists("/proc/self/fd"))
        {
            var (written, error) = await Document.WriteToAsync(output, _id!, cancellationToken);
            NoteRepairs();
            // qpdf reads a master on disk as it writes the copy, and where the file no longer has the data it
            // recovers with a warning and writes on: a master cut short or rewritten in place under a running
            // download would go out broken but complete-looking.
            if (error is null && _master.ChangedSinceOpened)
            {
                error = new QpdfException(QpdfErrorCode.DamagedPdf, "the master file changed while its copy was being written");
            }
            return (written, error);
        }
        // Smaller copies are written into qpdf's buffer first: no writer thread or pipe hand-offs, and
        // nothing is sent before qpdf has finished. (Without /proc this is also the only way.)
        Memory<byte> copy;
        try
        {
            copy = Document.Write();
        }
        catch (QpdfException e)
        {
            return (0, e);
        }
        NoteRepairs();
        // The /ID is patched in qpdf's own buffer, which then goes out as it is: no managed copy on the way.
        _id!.Patch(copy.Span, final: true);
        await output.WriteAsync(copy, cancellationToken);
        return (copy.Length, null);
    }

    /// <summary>
    /// Frees the document (and <paramref name="held"/>, memory qpdf reads in place) on the thread pool once the
    /// copy is out. qpdf releases a parsed document object by object: for a tagged 300-page book, tens of
    /// thousands of objects and a tenth of the copy's time, which the buyer need not wait for.
    /// </summary>
    public void Retire(IDisposable? held)
    {
        if (_retired || _document is null)
        {
            held?.Dispose();
            return;
        }
        _retired = true;
        var document = _document;
        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            state.document.Dispose();
            state.held?.Dispose();
        }, (document, held), preferLocal: false);
    }

    public void Dispose()
    {
        if (!_retired)
        {
            _document?.Dispose();
        }
    }

    public static StampJob Rejected(QpdfException e) => e.Code switch
    {
        QpdfErrorCode.Password => Rejected(RejectionReason.PasswordRequired, null),
        QpdfErrorCode.Unsupported => Rejected(RejectionReason.Unsupported, e.Message),
        _ => Rejected(RejectionReason.Damaged, e.Message),
    };

    private QpdfDocument Document => _document ?? throw new InvalidOperationException("Only a stamped job has a document to write.");

    private void NoteRepairs()
    {
        if (Document.WarningCount > 0 && !Warnings.Contains(MasterWarning.Repaired))
        {
            Warnings.Add(MasterWarning.Repaired);
        }
    }

    private static StampJob Rejected(RejectionReason reason, string? detail) =>
        new(StampStatus.Rejected, reason, detail is null ? StampMessages.Describe(reason) : $"{StampMessages.Describe(reason)} ({detail})", 0);

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
