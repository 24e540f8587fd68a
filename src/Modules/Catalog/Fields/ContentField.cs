namespace Storefront.Catalog.Fields;

/// <summary>
/// A field an administrator added to products or to pages. Its <see cref="Key"/> names its values and never changes;
/// a removed field keeps its values (<see cref="RemovedAt"/>), so they stay in the recipe export and return on restore.
/// </summary>
public sealed class ContentField
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary><see cref="ContentKinds.Product"/> or <see cref="ContentKinds.Page"/>.</summary>
    public required string Kind { get; set; }

    public required string Key { get; set; }

    public required string Label { get; set; }

    public string? Hint { get; set; }

    /// <summary>One of <see cref="ContentFieldTypes.All"/>.</summary>
    public required string Type { get; set; }

    public bool Required { get; set; }

    public int Position { get; set; }

    /// <summary>A choice field's options, one a line.</summary>
    public string? Choices { get; set; }

    /// <summary>The schema.org property the value fills in a product's JSON-LD; one of <see cref="SchemaOrgProperties.All"/>.</summary>
    public string? SchemaProperty { get; set; }

    /// <summary>One of <see cref="FieldPlacements.All"/>: where the storefront shows the value.</summary>
    public string Placement { get; set; } = FieldPlacements.Details;

    public required DateTime CreatedAt { get; set; }

    public DateTime? RemovedAt { get; set; }

    public IReadOnlyList<string> ChoiceList =>
        [.. (Choices ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}

/// <summary>One item's value of one field, as text in the invariant form <see cref="ContentFieldTypes"/> writes.</summary>
public sealed class ContentFieldValue
{
    public required Guid ItemId { get; set; }

    public required string FieldKey { get; set; }

    public required string Value { get; set; }
}

public static class ContentKinds
{
    public const string Product = "product";

    public const string Page = "page";

    public static readonly string[] All = [Product, Page];
}

public static class FieldPlacements
{
    /// <summary>Under the description or body.</summary>
    public const string Details = "details";

    /// <summary>Under the title, before the description.</summary>
    public const string Summary = "summary";

    /// <summary>Not shown; still in search and JSON-LD.</summary>
    public const string Hidden = "hidden";

    public static readonly string[] All = [Details, Summary, Hidden];
}
