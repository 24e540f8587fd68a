namespace Storefront.Catalog.Models;

/// <summary>A plain Markdown page of the shop: about, terms, privacy, refund policy.</summary>
public sealed class ContentPage : ISeoItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Slug { get; set; }

    public required string Title { get; set; }

    /// <summary>Markdown; rendered with raw HTML disabled.</summary>
    public string Body { get; set; } = "";

    public bool Published { get; set; }

    /// <summary>Position among the pages in the storefront's navigation and footer.</summary>
    public int NavigationOrder { get; set; }

    public string? SeoTitle { get; set; }

    public string? SeoDescription { get; set; }

    public string? SocialImage { get; set; }

    public string? CanonicalUrl { get; set; }

    public required DateTime CreatedAt { get; set; }

    public required DateTime UpdatedAt { get; set; }
}
