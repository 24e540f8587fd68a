namespace Storefront.Downloads.Tracing;

/// <summary>How much a piece of evidence proves on its own.</summary>
public enum EvidenceStrength
{
    /// <summary>A visible code: anyone holding a copy could retype it onto another file.</summary>
    Moderate,

    /// <summary>An unguessable mark the buyer never saw (the fingerprint or the copy's /ID).</summary>
    Strong,
}

/// <summary>One mark found in the suspect file and the purchase it names (none when it names no purchase of this shop).</summary>
public sealed record TraceEvidence(string Kind, string Where, EvidenceStrength Strength, Guid? EntitlementId, long? OrderNumber);

/// <summary>One time the shop sent that purchase's copy (or began to).</summary>
public sealed record TraceDelivery(DateTime At, string Outcome, string? IpAddress, string? UserAgent, long? BytesSent);

/// <summary>The purchase a leaked copy was made for.</summary>
public sealed record TracedCopy(
    Guid EntitlementId, long OrderNumber, string ProductTitle, string? BuyerName, string BuyerEmail, string LicenceCode,
    IReadOnlyList<string> LicenceKeys, IReadOnlyList<TraceDelivery> Deliveries);

/// <summary>
/// The answer to "whose copy is this?": <see cref="Copy"/> is set only when every mark that names a purchase names the
/// same one; otherwise <see cref="Message"/> says plainly why the file cannot be traced.
/// </summary>
public sealed record TraceResult(string Message, IReadOnlyList<TraceEvidence> Evidence, TracedCopy? Copy = null, UnreadableReason? Refusal = null)
{
    public bool Traced => Copy is not null;

    public EvidenceStrength? Strength => Copy is null ? null : Evidence.Where(e => e.EntitlementId == Copy.EntitlementId).Max(e => e.Strength);
}
