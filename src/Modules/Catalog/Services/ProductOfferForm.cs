namespace Storefront.Catalog.Services;

/// <summary>
/// How a product is offered, as the product form posts it: bundle contents, a buyer-chosen price, a limited stock. Amounts
/// and the stock stay text so that a malformed one gets our message, not the binder's.
/// </summary>
public sealed class ProductOfferForm
{
    /// <summary>The products this one bundles, in the order they were ticked; none for a plain product.</summary>
    public List<Guid> BundleItems { get; set; } = [];

    public bool PayWhatYouWant { get; set; }

    public string? MinimumPrice { get; set; }

    public string? SuggestedPrice { get; set; }

    /// <summary>Units still available; empty for no limit.</summary>
    public string? Stock { get; set; }

    /// <summary>
    /// The stock as the form showed it: sales move the count while an editor types, so the count is only written when the
    /// editor changed it, never put back to what the page happened to show.
    /// </summary>
    public string? StockShown { get; set; }
}
