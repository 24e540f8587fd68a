using System.ComponentModel.DataAnnotations;
using Storefront.Catalog.Findability;

namespace Storefront.Catalog.Taxonomies;

/// <summary>What the category and tag form posts.</summary>
public sealed class TermForm
{
    public string Name { get; set; } = "";

    public string? Slug { get; set; }

    /// <summary>Categories only: the category this one sits under; empty for the top of the tree.</summary>
    [Display(Name = "Parent category")]
    public Guid? ParentId { get; set; }

    public string? Description { get; set; }

    [Range(0, 10_000, ErrorMessage = "The position must be between 0 and 10000.")]
    public int Position { get; set; }

    public SeoFields Seo { get; set; } = new();

    public static TermForm From(TaxonomyTerm term) => new()
    {
        Name = term.Name,
        Slug = term.Slug,
        ParentId = term.ParentId,
        Description = term.Description,
        Position = term.Position,
        Seo = SeoFields.From(term),
    };
}
