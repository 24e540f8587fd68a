namespace Storefront.Catalog.Taxonomies;

/// <summary>The product form's categories (ticked in the tree) and tags (typed, comma-separated; new ones are created).</summary>
public sealed class ProductTermsForm
{
    public List<Guid> CategoryIds { get; set; } = [];

    public string? Tags { get; set; }

    public const int MaxTags = 30;

    /// <summary>The typed tag names, trimmed, without empties or repeats of the same address.</summary>
    public IReadOnlyList<string> TagNames() =>
        [.. (Tags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).DistinctBy(n => Models.Slugs.From(n))];
}
