namespace Storefront.Catalog.Models;

/// <summary>What the product page's body needs; the admin's preview renders the same partial for a draft.</summary>
public sealed record ProductArticle(Product Product, string DescriptionHtml, bool ShowActions = true)
{
    /// <summary>What a bundle holds, in its listed order; empty for a product that is not one.</summary>
    public IReadOnlyList<Product> Contents { get; init; } = [];

    /// <summary>The editor's <c>product.details</c> template rendered, or null for the built-in description.</summary>
    public string? DetailsHtml { get; init; }

    /// <summary>The editor's <c>product.aside</c> template rendered, or null for the built-in download promise.</summary>
    public string? AsideHtml { get; init; }
    /// <summary>The filled fields defined at /admin/fields, shown where their placement says.</summary>
    public IReadOnlyList<Storefront.Core.Display.FieldDisplay> Fields { get; init; } = [];

    /// <summary>The cover's library entry (alt text, size, variants); null when it has none.</summary>
    public Storefront.Core.Content.ResponsiveImage? Cover { get; init; }
}
