using System.Text.Json;

namespace Storefront.Downloads.Sharing;

/// <summary>Stored as text; the names never change.</summary>
public enum SharingStatus
{
    /// <summary>Support was told; downloads go on.</summary>
    Open,

    /// <summary>Downloads are stopped (by an administrator, or past <c>Downloads__Sharing__SuspendNetworks</c>).</summary>
    Suspended,

    /// <summary>An administrator looked and let it be; only networks beyond those seen then can raise it again.</summary>
    Cleared,
}

/// <summary>
/// A purchase whose copies went to many networks. One row per entitlement, keyed by it, so however many instances
/// notice at once only one can insert it; <see cref="Round"/> counts the times it was raised, each with its own email.
/// </summary>
public sealed class SharingFlag
{
    public Guid EntitlementId { get; set; }

    public Guid OrderId { get; set; }

    public long OrderNumber { get; set; }

    public SharingStatus Status { get; set; } = SharingStatus.Open;

    public int Round { get; set; } = 1;

    public DateTime FlaggedAt { get; set; }

    /// <summary>Distinct networks in <see cref="Evidence"/>, beyond those acknowledged.</summary>
    public int Networks { get; set; }

    /// <summary>The copies by network, as JSON <see cref="SharingEvidence"/>: what support and the admin are shown.</summary>
    public string Evidence { get; set; } = SharingEvidence.None;

    /// <summary>
    /// The newest copy <see cref="Evidence"/> counts. Copies delivered at once are judged at once, and their judgements
    /// may finish in either order: only evidence with a newer copy replaces what is stored.
    /// </summary>
    public DateTime? LastCopyAt { get; set; }

    public DateTime? SuspendedAt { get; set; }

    public DateTime? ClearedAt { get; set; }

    /// <summary>The networks an administrator had seen when clearing, comma-separated; they do not count again.</summary>
    public string? Acknowledged { get; set; }

    public IReadOnlyList<NetworkEvidence> ReadEvidence() => JsonSerializer.Deserialize<List<NetworkEvidence>>(Evidence) ?? [];

    public IReadOnlySet<string> AcknowledgedNetworks() =>
        (Acknowledged ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>The copies one network received within the window.</summary>
public sealed record NetworkEvidence(string Network, IReadOnlyList<string> Addresses, IReadOnlyList<string> UserAgents, DateTime First, DateTime Last, int Copies);

public static class SharingEvidence
{
    /// <summary>No evidence: a flag's before anything is written, and after its buyer's personal data was erased.</summary>
    public const string None = "[]";

    public static string Write(IReadOnlyList<NetworkEvidence> networks) => JsonSerializer.Serialize(networks);
}
