namespace Storefront.Core.Audit;

/// <summary>One thing someone did in the admin: who, what, to which item, when.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required DateTime At { get; set; }

    /// <summary>The signed-in user's id, or null for the command line and the system.</summary>
    public string? UserId { get; set; }

    public required string UserName { get; set; }

    /// <summary>A short verb phrase, e.g. "product.published", "entitlement.revoked".</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, e.g. "product can-bus-field-guide" or "order 1042".</summary>
    public required string Target { get; set; }

    public string? Details { get; set; }
}
