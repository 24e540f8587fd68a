namespace Storefront.Core.Content;

/// <summary>A buyer's right to download one product of one order, as other modules may see it.</summary>
public sealed record DownloadGrant(
    Guid Id,
    long OrderNumber,
    string ProductTitle,
    string Status,
    int UsesAllowed,
    int UsesLeft,
    DateTime ExpiresAt,
    string LicenseCode,
    DateTime? RevokedAt,
    string? RevokedReason)
{
    public const string Active = "Active";

    public const string Revoked = "Revoked";

    /// <summary>Paused while the payment is disputed; the right underneath keeps its uses and expiry.</summary>
    public const string Suspended = "Suspended";

    public bool IsActive => Status == Active;

    public bool IsRevoked => Status == Revoked;
}

/// <summary>One attempt at the download gate, for support answering a buyer.</summary>
public sealed record DownloadAttemptRecord(DateTime At, string Outcome, string? IpAddress, string? UserAgent);

/// <summary>
/// The Downloads module's published side: the rights an order granted, their links and their history, and
/// the changes support may make. Changes are staged in the caller's unit of work, so the caller saves them
/// together with its own records (an audit entry, say) or not at all.
/// </summary>
public interface IDownloadAccess
{
    Task<IReadOnlyList<DownloadGrant>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken);

    Task<DownloadGrant?> FindAsync(long orderNumber, Guid grantId, CancellationToken cancellationToken);

    /// <summary>A signed link to the gate; <paramref name="requestOrigin"/> is null outside a request (emails).</summary>
    Uri LinkFor(DownloadGrant grant, string? requestOrigin = null);

    Task<IReadOnlyList<DownloadAttemptRecord>> AttemptsAsync(IReadOnlyCollection<Guid> grantIds, int limit, CancellationToken cancellationToken);

    /// <summary>When each copy that reached a buyer since <paramref name="sinceUtc"/> was delivered.</summary>
    Task<IReadOnlyList<DateTime>> DeliveriesSinceAsync(DateTime sinceUtc, CancellationToken cancellationToken);

    Task<DownloadGrant> StageRevokeAsync(Guid grantId, string reason, CancellationToken cancellationToken);

    Task<DownloadGrant> StageExtendAsync(Guid grantId, int extraUses, DateTime? newExpiryUtc, CancellationToken cancellationToken);
}
