using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using Storefront.Downloads.Stamping.Fonts;
using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>The stamping engine on qpdf's C API: read from memory, add the footer and fingerprint, write to memory.</summary>
public sealed class PdfStamper(IOptions<StampingOptions> options) : IPdfStamper
{
    private static readonly StampRequest Probe = new("Validation Probe", "probe@example.invalid", "0", "validation-probe");

    private readonly StampingOptions _options = options.Value;
    private readonly FontLibrary _fonts = new(options.Value.FontPaths);

    public PdfStamper() : this(Options.Create(new StampingOptions())) { }

    public StampResult Stamp(ReadOnlyMemory<byte> master, StampRequest request)
    {
        using var job = StampJob.Run(master, request, _options, _fonts);
        return job.Status == StampStatus.Stamped
            ? new StampResult(StampStatus.Stamped, job.Output.ToArray(), null, job.Message, job.PageCount)
            : new StampResult(job.Status, job.Output, job.Rejection, job.Message, job.PageCount);
    }

    public async Task<StampOutcome> StampAsync(Stream master, Stream output, StampRequest request, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadAllAsync(master, cancellationToken);
        using var job = StampJob.Run(bytes, request, _options, _fonts);
        if (job.Status != StampStatus.Rejected)
        {
            // qpdf's output buffer is written straight to the response: no managed copy of the file.
            await output.WriteAsync(job.Output, cancellationToken);
        }
        return new StampOutcome(job.Status, job.Rejection, job.Message, job.PageCount, job.Output.Length);
    }

    public MasterValidation Validate(ReadOnlyMemory<byte> master, string? fileName = null)
    {
        if (!PdfSniffer.LooksLikePdf(master.Span))
        {
            return fileName?.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) == true
                ? new MasterValidation(false, false, RejectionReason.NotPdf, StampMessages.Describe(RejectionReason.NotPdf), 0, [])
                : new MasterValidation(false, true, null, "Not a PDF: buyers get the file unchanged, without a stamp.", 0, []);
        }
        // A full trial stamp: some damage only shows when qpdf rewrites the file, and the editor should
        // hear about it now rather than a buyer at download time.
        using var job = StampJob.Run(master, Probe, _options, _fonts);
        return job.Status == StampStatus.Rejected
            ? new MasterValidation(true, false, job.Rejection, job.Message, job.PageCount, [])
            : new MasterValidation(true, true, null, "The PDF can be stamped.", job.PageCount, job.Warnings);
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

    private static async Task<ReadOnlyMemory<byte>> ReadAllAsync(Stream master, CancellationToken cancellationToken)
    {
        if (master.CanSeek)
        {
            var buffer = new byte[checked((int)(master.Length - master.Position))];
            await master.ReadExactlyAsync(buffer, cancellationToken);
            return buffer;
        }
        using var copy = new MemoryStream();
        await master.CopyToAsync(copy, cancellationToken);
        return copy.GetBuffer().AsMemory(0, (int)copy.Length);
    }
}
