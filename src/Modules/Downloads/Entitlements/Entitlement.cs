namespace Storefront.Downloads.Entitlements;

/// <summary>States only move forward: Active → Exhausted | Expired | Revoked.</summary>
public enum EntitlementStatus
{
    Active,
    Exhausted,
    Expired,
    Revoked,
}

/// <summary>A buyer's right to download one product of one order, a limited number of times, until a moment.</summary>
public sealed class Entitlement
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrderId { get; set; }

    public long OrderNumber { get; set; }

    public Guid ProductId { get; set; }

    /// <summary>
    /// The product the buyer paid for that granted this right: a bundle for each product inside it, else the product
    /// itself. A refund of that line withdraws exactly what it granted. Null for rights granted before bundles existed.
    /// </summary>
    public Guid? ViaProductId { get; set; }

    public required string ProductTitle { get; set; }

    public required string BuyerEmail { get; set; }

    public string? BuyerName { get; set; }

    public int UsesAllowed { get; set; }

    public int UsesLeft { get; set; }

    public DateTime ExpiresAt { get; set; }

    public EntitlementStatus Status { get; set; } = EntitlementStatus.Active;

    /// <summary>Opaque, unguessable id stamped invisibly into every copy, to trace a leaked file back here.</summary>
    public required string Fingerprint { get; set; }

    /// <summary>Short code printed in the visible stamp and quoted by buyers asking for help.</summary>
    public required string LicenseCode { get; set; }

    public required DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }

    /// <summary>
    /// Set while the payment is disputed. Kept apart from <see cref="Status"/> so that the uses, the expiry and the
    /// state the right had are untouched, and a won dispute gives it back exactly as it was.
    /// </summary>
    public DateTime? SuspendedAt { get; set; }

    /// <summary>Set while downloads are stopped because the link looks shared; apart from a dispute's, so each is lifted on its own.</summary>
    public DateTime? SharingSuspendedAt { get; set; }

    /// <summary>Copies being sent right now; each holds one use in reserve until it is settled.</summary>
    public int StreamsOpen { get; set; }

    /// <summary>Copies the buyer stopped receiving part-way; up to a limit each gives its use back.</summary>
    public int InterruptedCopies { get; set; }
}

/// <summary>
/// One attempt at the gate, allowed or not. A copy's attempt is written as <see cref="DownloadOutcomes.Started"/>
/// before its first byte, so a process that dies mid-copy leaves a row that the sweep settles.
/// </summary>
public sealed class DownloadAttempt
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid? EntitlementId { get; set; }

    public required DateTime At { get; set; }

    public required string Outcome { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    public DateTime? FinishedAt { get; set; }

    public long? BytesSent { get; set; }

    /// <summary>For a resume (a byte range of a copy already started), the attempt whose copy it continues.</summary>
    public Guid? ResumeOf { get; set; }
}
