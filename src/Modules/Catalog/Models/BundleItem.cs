namespace Storefront.Catalog.Models;

/// <summary>One product inside a bundle; a bundle's buyer is granted each of them as if bought alone.</summary>
public sealed class BundleItem
{
    public Guid BundleId { get; set; }

    public Guid ItemId { get; set; }

    /// <summary>The order the product page lists the contents in.</summary>
    public int Position { get; set; }
}
