using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using Storefront.Downloads.Stamping.Fonts;
using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// The stamping engine on qpdf's C API: reads the master from memory or a local file, adds the footer and
/// fingerprint to every page, and writes the copy to memory or streams it out as qpdf writes it.
/// </summary>
public sealed class PdfStamper(IOptions<StampingOptions> options) : IPdfStamper
{
    private static readonly StampRequest Probe = new("Validation Probe", "probe@example.invalid", "0", "validation-probe");

    private readonly StampingOptions _options = options.Value;
    private readonly FontLibrary _fonts = new(options.Value.FontPaths);
    private CopyTemplates? _templates;

    /// <summary>The copy templates, made on first use; racing threads all get the one published.</summary>
    internal CopyTemplates Templates => LazyInitializer.EnsureInitialized(ref _templates, () => new CopyTemplates(_options, _fonts));

    public PdfStamper() : this(Options.Create(new StampingOptions())) { }

    public StampResult Stamp(ReadOnlyMemory<byte> master, StampRequest request)
    {
        var source = MasterSource.From(master);
        if (Templates.For(source, request) is var (build, line, text))
        {
            return build.Template is { } template
                ? new StampResult(StampStatus.Stamped, WriteCopy(template, source, request, line, text).ToArray(), null, template.Message, template.PageCount)
                : new StampResult(build.Status, ReadOnlyMemory<byte>.Empty, build.Rejection, build.Message, 0);
        }
        using var job = StampJob.Prepare(source, request, _options, _fonts);
        switch (job.Status)
        {
            case StampStatus.PassedThrough:
                return new StampResult(job.Status, master, null, job.Message, 0);
            case StampStatus.Rejected:
                return new StampResult(job.Status, ReadOnlyMemory<byte>.Empty, job.Rejection, job.Message, 0);
        }
        try
        {
            var copy = job.WriteToArray();
            job.Retire(null);
            return new StampResult(StampStatus.Stamped, copy, null, job.Message, job.PageCount);
        }
        catch (QpdfException e)
        {
            using var failed = StampJob.Rejected(e);
            return new StampResult(StampStatus.Rejected, ReadOnlyMemory<byte>.Empty, failed.Rejection, failed.Message, 0);
        }
    }

    public async Task<StampOutcome> StampAsync(Stream master, Stream output, StampRequest request, CancellationToken cancellationToken = default)
    {
        // A master on local disk is read by qpdf in place; anything else (S3, a request body) is buffered.
        var file = MasterSource.TryFrom(master);
        var held = file is null ? await ReadAllAsync(master, cancellationToken) : null;
        var retired = false;
        try
        {
            var bytes = held?.WrittenMemory ?? ReadOnlyMemory<byte>.Empty;
            var source = file ?? MasterSource.From(bytes);
            if (Templates.For(source, request) is var (build, line, text))
            {
                if (build.Template is not { } template)
                {
                    return new StampOutcome(build.Status, build.Rejection, build.Message, 0, 0);
                }
                var copy = WriteCopy(template, source, request, line, text);
                await copy.WriteToAsync(output, cancellationToken);
                return new StampOutcome(StampStatus.Stamped, null, template.Message, template.PageCount, copy.Length);
            }
            using var job = StampJob.Prepare(source, request, _options, _fonts);
            switch (job.Status)
            {
                case StampStatus.PassedThrough when file is not null:
                    await master.CopyToAsync(output, cancellationToken);
                    return new StampOutcome(job.Status, null, job.Message, 0, source.Length);
                case StampStatus.PassedThrough:
                    await output.WriteAsync(bytes, cancellationToken);
                    return new StampOutcome(job.Status, null, job.Message, 0, bytes.Length);
                case StampStatus.Rejected:
                    return new StampOutcome(job.Status, job.Rejection, job.Message, 0, 0);
            }
            var (written, error) = await job.WriteToAsync(output, cancellationToken);
            if (error is null)
            {
                // qpdf reads the held master in place until its document is freed, so the two go together.
                job.Retire(held);
                retired = true;
                return new StampOutcome(StampStatus.Stamped, null, job.Message, job.PageCount, written);
            }
            // Only a master that skipped Validate can fail this late; the caller must abort the response.
            using var failed = StampJob.Rejected(error);
            return new StampOutcome(StampStatus.Rejected, failed.Rejection, failed.Message, 0, written);
        }
        finally
        {
            // The job (declared inside) is disposed first, then the bytes it read.
            if (!retired)
            {
                held?.Dispose();
            }
        }
    }

    private CopyBytes WriteCopy(CopyTemplate template, MasterSource master, StampRequest request, ShapedLine line, string text) =>
        template.Write(line, request.Fingerprint, DocumentId.For(master, text, request.Fingerprint), _options.MaxFontSize);

    public MasterValidation Validate(ReadOnlyMemory<byte> master, string? fileName = null)
    {
        if (!PdfSniffer.LooksLikePdf(master.Span))
        {
            return NotPdf(fileName);
        }
        // A full trial stamp and write: some damage only shows when qpdf rewrites the file, and the
        // editor should hear about it now rather than a buyer at download time.
        using var job = StampJob.Prepare(MasterSource.From(master), Probe, _options, _fonts);
        return Verdict(job, job.Status == StampStatus.Rejected ? null : TrialWrite(job));

        static QpdfException? TrialWrite(StampJob job)
        {
            try
            {
                job.WriteToArray();
                return null;
            }
            catch (QpdfException e)
            {
                return e;
            }
        }
    }

    public async Task<MasterValidation> ValidateAsync(Stream master, string? fileName = null, CancellationToken cancellationToken = default)
    {
        if (MasterSource.TryFrom(master) is not { } file)
        {
            using var held = await ReadAllAsync(master, cancellationToken);
            return Validate(held.WrittenMemory, fileName);
        }
        if (!PdfSniffer.LooksLikePdf(file.Head))
        {
            return NotPdf(fileName);
        }
        // The trial copy streams through qpdf's writer and is thrown away as it comes: a 500 MB master
        // costs qpdf's object table, not its size.
        using var job = StampJob.Prepare(file, Probe, _options, _fonts);
        return Verdict(job, job.Status == StampStatus.Rejected ? null : (await job.WriteToAsync(Stream.Null, cancellationToken)).Error);
    }

    private static MasterValidation NotPdf(string? fileName) =>
        fileName?.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) == true
            ? new MasterValidation(false, false, RejectionReason.NotPdf, StampMessages.Describe(RejectionReason.NotPdf), 0, [])
            : new MasterValidation(false, true, null, "Not a PDF: buyers get the file unchanged, without a stamp.", 0, []);

    private static MasterValidation Verdict(StampJob job, QpdfException? writeError)
    {
        if (job.Status == StampStatus.Rejected)
        {
            return new MasterValidation(true, false, job.Rejection, job.Message, 0, []);
        }
        if (writeError is not null)
        {
            using var failed = StampJob.Rejected(writeError);
            return new MasterValidation(true, false, failed.Rejection, failed.Message, 0, []);
        }
        return new MasterValidation(true, true, null, "The PDF can be stamped.", job.PageCount, job.Warnings);
    }

    public bool TryReadFingerprint(ReadOnlyMemory<byte> pdf, [NotNullWhen(true)] out string? fingerprint)
    {
        fingerprint = null;
        if (!PdfSniffer.LooksLikePdf(pdf.Span))
        {
            return false;
        }
        try
        {
            using var document = QpdfDocument.Open(pdf);
            fingerprint = Fingerprint.Read(document);
            return fingerprint is not null;
        }
        catch (QpdfException)
        {
            return false;
        }
    }

    /// <summary>The whole master, in a pooled buffer the caller disposes once qpdf is done with it.</summary>
    private static async Task<PooledBytes> ReadAllAsync(Stream master, CancellationToken cancellationToken)
    {
        // A byte more than a seekable master's length, so the read that finds its end needs no larger buffer.
        var bytes = new PooledBytes(master.CanSeek ? checked((int)(master.Length - master.Position + 1)) : 80 << 10);
        try
        {
            int n;
            do
            {
                if (bytes.Free.Length == 0)
                {
                    bytes.Reserve(80 << 10);
                }
                n = await master.ReadAsync(bytes.Free, cancellationToken);
                bytes.Advance(n);
            }
            while (n > 0);
            return bytes;
        }
        catch
        {
            bytes.Dispose();
            throw;
        }
    }
}
