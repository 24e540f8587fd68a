namespace Storefront.Catalog.Versions;

/// <summary>
/// One saved state of a product's editable fields. Rows are never changed: a save that reached the products row is a live
/// version, a "Save draft" (or a restore) is a draft version that buyers do not see until it is published.
/// </summary>
public sealed class ProductVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ProductId { get; set; }

    /// <summary>1, 2, 3… per product, drafts and live versions alike.</summary>
    public int Number { get; set; }

    public bool IsDraft { get; set; }

    /// <summary>The fields as JSON (<see cref="ProductContent"/>).</summary>
    public required string Content { get; set; }

    /// <summary>What this version changed, for people: "title, price".</summary>
    public required string Changes { get; set; }

    /// <summary>The editor's name, "recipe" or "schedule" when no person saved it.</summary>
    public required string Author { get; set; }

    public required DateTime CreatedAt { get; set; }
}

/// <summary>When a product goes on sale (its pending draft, if any, with it) and when it leaves the storefront.</summary>
public sealed class ProductSchedule
{
    public Guid ProductId { get; set; }

    public DateTime? PublishAt { get; set; }

    public DateTime? UnpublishAt { get; set; }
}
