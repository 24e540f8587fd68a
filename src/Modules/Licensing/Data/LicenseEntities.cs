using Storefront.Core.Content;

namespace Storefront.Licensing.Data;

/// <summary>A product's licence terms, keyed by Catalog's product id: whether paid lines get a key, and how many instances one key activates.</summary>
public sealed class LicensedProduct
{
    public Guid ProductId { get; set; }

    public bool IssuesKeys { get; set; }

    /// <summary>Counted per key, at verification time: a limit raised later applies to keys already issued.</summary>
    public int ActivationLimit { get; set; } = 1;

    public required DateTime UpdatedAt { get; set; }
}

/// <summary>The key one paid line was issued. Only one per line (<see cref="LineId"/> is unique), so a replayed payment issues none twice.</summary>
public sealed class LicenseKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Canonical form, e.g. <c>7K3QX-M9TPA-…</c>; unique.</summary>
    public required string Key { get; set; }

    public Guid LineId { get; set; }

    public Guid OrderId { get; set; }

    public long OrderNumber { get; set; }

    public Guid ProductId { get; set; }

    public required string ProductTitle { get; set; }

    public required string BuyerEmail { get; set; }

    public required DateTime IssuedAt { get; set; }

    /// <summary>
    /// Instances activated now. Kept beside the rows of <see cref="LicenseActivation"/> so that the limit is enforced by one
    /// conditional UPDATE of this row, which concurrent activations take in turn on both databases.
    /// </summary>
    public int Activations { get; set; }

    /// <summary>Set while the payment is disputed; kept apart from revocation so a won dispute gives the key back as it was.</summary>
    public DateTime? SuspendedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }

    public LicenseKeyState State => RevokedAt is not null ? LicenseKeyState.Revoked
        : SuspendedAt is not null ? LicenseKeyState.Suspended : LicenseKeyState.Active;
}

/// <summary>One instance (a machine, an installation) a key is activated on, named by the software that asked.</summary>
public sealed class LicenseActivation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid LicenseKeyId { get; set; }

    public required string Instance { get; set; }

    public required DateTime ActivatedAt { get; set; }
}
