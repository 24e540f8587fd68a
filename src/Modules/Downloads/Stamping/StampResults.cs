namespace Storefront.Downloads.Stamping;

/// <summary>What happened to a master.</summary>
public enum StampStatus
{
    /// <summary>A PDF was stamped; the output is the buyer's copy.</summary>
    Stamped,

    /// <summary>Not a PDF (a zip, an epub, …): the output is the master, unchanged and unstamped.</summary>
    PassedThrough,

    /// <summary>A PDF that cannot be stamped safely; nothing may be served.</summary>
    Rejected,
}

/// <summary>Why a master cannot be stamped.</summary>
public enum RejectionReason
{
    NotPdf,
    PasswordRequired,
    Damaged,
    NoPages,
    Unsupported,
}

/// <summary>Things an editor should know about a master that can be stamped.</summary>
public enum MasterWarning
{
    DigitallySigned,
    Repaired,
    EncryptionRemoved,
    OwnerRestrictionsIgnored,
    LinearizationDropped,
}

/// <summary>The result of <see cref="IPdfStamper.Stamp"/>. <see cref="Output"/> is empty unless stamped or passed through.</summary>
public sealed record StampResult(StampStatus Status, ReadOnlyMemory<byte> Output, RejectionReason? Rejection, string Message, int PageCount);

/// <summary>The result of <see cref="IPdfStamper.StampAsync"/>; nothing is written to the output when rejected.</summary>
public sealed record StampOutcome(StampStatus Status, RejectionReason? Rejection, string Message, int PageCount, long BytesWritten);

/// <summary>The upload-time verdict on a master.</summary>
public sealed record MasterValidation(
    bool IsPdf, bool CanServe, RejectionReason? Rejection, string Message, int PageCount, IReadOnlyList<MasterWarning> Warnings)
{
    public IEnumerable<string> WarningMessages => Warnings.Select(StampMessages.Describe);
}

/// <summary>Human-readable wording of reasons and warnings, for editors and logs.</summary>
public static class StampMessages
{
    public static string Describe(RejectionReason reason) => reason switch
    {
        RejectionReason.NotPdf => "The file is not a PDF.",
        RejectionReason.PasswordRequired => "The PDF needs a password to open. Upload a copy without an open (user) password.",
        RejectionReason.Damaged => "The PDF is damaged beyond repair and cannot be read.",
        RejectionReason.NoPages => "The PDF has no pages.",
        RejectionReason.Unsupported => "The PDF uses a feature the stamping engine does not support.",
        _ => reason.ToString(),
    };

    public static string Describe(MasterWarning warning) => warning switch
    {
        MasterWarning.DigitallySigned => "The PDF is digitally signed: buyers' stamped copies will no longer carry a valid signature.",
        MasterWarning.Repaired => "The PDF is slightly damaged; it was repaired, and buyers get the repaired version.",
        MasterWarning.EncryptionRemoved => "The PDF is encrypted; buyers' copies are written without encryption.",
        MasterWarning.OwnerRestrictionsIgnored => "The PDF's permission settings forbid changes; as the seller's own file it is stamped anyway, and buyers' copies carry no restrictions.",
        MasterWarning.LinearizationDropped => "The PDF is optimised for fast web view; buyers' copies are not.",
        _ => warning.ToString(),
    };
}
