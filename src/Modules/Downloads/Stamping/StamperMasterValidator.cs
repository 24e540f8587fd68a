using Storefront.Core.Content;

namespace Storefront.Downloads.Stamping;

/// <summary>The stamping engine's upload-time check, offered to other modules through Core's contract.</summary>
internal sealed class StamperMasterValidator(IPdfStamper stamper) : IMasterFileValidator
{
    public async Task<MasterFileVerdict> CheckAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var validation = stamper.Validate(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), fileName);
        return validation.CanServe
            ? new MasterFileVerdict(true, null, validation.WarningMessages.ToList())
            : new MasterFileVerdict(false, validation.Message, []);
    }
}
