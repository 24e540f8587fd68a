namespace Storefront.Catalog.Models;

/// <summary>
/// An address a product or page answered at before an editor changed its slug. It points at the item, not at the next
/// slug, so a chain of renames always lands on the current address in one hop.
/// </summary>
public sealed class SlugRedirect
{
    /// <summary>
    /// <see cref="SlugRedirectKinds.Product"/>, <see cref="SlugRedirectKinds.Page"/>, or a term's kind
    /// (<see cref="Taxonomies.TermKinds"/>): each kind has its own addresses.
    /// </summary>
    public required string Kind { get; set; }

    public required string OldSlug { get; set; }

    public required Guid ItemId { get; set; }

    public required DateTime CreatedAt { get; set; }
}

public static class SlugRedirectKinds
{
    public const string Product = "product";

    public const string Page = "page";
}
