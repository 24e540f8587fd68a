using Storefront.Core.Content;

namespace Storefront.Downloads.Stamping;

/// <summary>The stamping engine's upload-time check, offered to other modules through Core's contract.</summary>
internal sealed class StamperMasterValidator(IPdfStamper stamper) : IMasterFileValidator
{
    // Readers find the PDF header within the first KB; PdfSniffer looks a little further.
    private const int HeadLength = 4096;

    public async Task<MasterFileVerdict> CheckAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        // Judge non-PDFs (a large zip, a video) by their head alone, so they are never read into memory:
        // only a PDF needs the whole file, for the trial stamp.
        var head = new byte[HeadLength];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (!PdfSniffer.LooksLikePdf(head.AsSpan(0, read)))
        {
            return Verdict(stamper.Validate(head.AsMemory(0, read), fileName));
        }

        if (content.CanSeek)
        {
            // Back to where the file started, so a staged upload is handed to the engine as the file it is.
            content.Seek(-read, SeekOrigin.Current);
            return Verdict(await stamper.ValidateAsync(content, fileName, cancellationToken));
        }
        using var buffer = new MemoryStream();
        await buffer.WriteAsync(head.AsMemory(0, read), cancellationToken);
        await content.CopyToAsync(buffer, cancellationToken);
        return Verdict(stamper.Validate(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), fileName));
    }

    private static MasterFileVerdict Verdict(MasterValidation validation) => validation.CanServe
        ? new MasterFileVerdict(true, null, validation.WarningMessages.ToList())
        : new MasterFileVerdict(false, validation.Message, []);
}
