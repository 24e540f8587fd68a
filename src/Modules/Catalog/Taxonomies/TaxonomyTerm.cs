using Storefront.Catalog.Models;

namespace Storefront.Catalog.Taxonomies;

/// <summary>
/// A category (one node of a tree) or a tag (a flat label) that products belong to. Each has its own storefront page at
/// <c>/categories/{slug}</c> or <c>/tags/{slug}</c>, so the two kinds keep separate slugs.
/// </summary>
public sealed class TaxonomyTerm : ISeoItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary><see cref="TermKinds.Category"/> or <see cref="TermKinds.Tag"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The category this one sits under; null at the top of the tree, and always null for a tag.</summary>
    public Guid? ParentId { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    /// <summary>Markdown shown on the term's page; rendered with raw HTML disabled.</summary>
    public string Description { get; set; } = "";

    /// <summary>Position among its siblings (categories) or among the tags.</summary>
    public int Position { get; set; }

    public string? SeoTitle { get; set; }

    public string? SeoDescription { get; set; }

    public string? SocialImage { get; set; }

    public string? CanonicalUrl { get; set; }

    public required DateTime CreatedAt { get; set; }

    public required DateTime UpdatedAt { get; set; }

    /// <summary>The storefront address: <c>/categories/{slug}</c> or <c>/tags/{slug}</c>.</summary>
    public string Path => TermKinds.PathOf(Kind, Slug);
}

/// <summary>A product's membership of a category or tag.</summary>
public sealed class ProductTerm
{
    public required Guid ProductId { get; set; }

    public required Guid TermId { get; set; }
}

public static class TermKinds
{
    public const string Category = "category";

    public const string Tag = "tag";

    public const int NameLength = 200;

    public const int DescriptionLength = 4000;

    public static bool IsKnown(string? kind) => kind is Category or Tag;

    /// <summary>The first segment of the term's storefront address.</summary>
    public static string Segment(string kind) => kind == Category ? "categories" : "tags";

    public static string PathOf(string kind, string slug) => $"/{Segment(kind)}/{slug}";

    public static string Label(string kind) => kind == Category ? "category" : "tag";
}
