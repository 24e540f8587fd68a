namespace Storefront.Core.Content;

/// <summary>
/// What other modules may know of a product: enough to sell it, grant it and deliver it. Catalog publishes
/// it so checkout, the download gate and zone items never read the products table or its entity.
/// </summary>
public sealed record ProductSnapshot(
    Guid Id,
    string Slug,
    string Title,
    long PriceMinor,
    string Currency,
    string? MasterKey,
    string? MasterFileName,
    int? DownloadUses,
    int? DownloadExpiryHours,
    // Set when the product is sold on another shop: no checkout here, only the "Buy on …" link.
    string? ExternalUrl = null)
{
    /// <summary>The products a bundle contains, in the order its page lists them; empty for a product that is not a bundle.</summary>
    public IReadOnlyList<Guid> BundleItems { get; init; } = [];

    public bool IsBundle => BundleItems.Count > 0;

    /// <summary>The buyer chooses the amount (at least <see cref="MinimumPriceMinor"/>) instead of paying <see cref="PriceMinor"/>.</summary>
    public bool PayWhatYouWant { get; init; }

    public long MinimumPriceMinor { get; init; }

    /// <summary>The amount the Buy form offers first.</summary>
    public long SuggestedPriceMinor { get; init; }

    /// <summary>Units still available of a limited edition; null when unlimited.</summary>
    public int? StockLeft { get; init; }

    public bool IsSoldOut => StockLeft is <= 0;

    /// <summary>The number of the live version this snapshot shows (0 before the product's first versioned save): what an order records it bought.</summary>
    public int Version { get; init; }

    /// <summary>What the visible stamp of its copies shows; null follows the shop's <c>Downloads__Stamping__Privacy</c>.</summary>
    public Privacy.StampPrivacy? StampPrivacy { get; init; }
}

/// <summary>Catalog's read model of its products, answered by the Catalog module.</summary>
public interface ICatalogProducts
{
    /// <summary>Any product, archived or unpublished included: a buyer's purchase outlives its place in the shop.</summary>
    Task<ProductSnapshot?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Any product by slug, archived or unpublished included (a recipe that sets up another module's side of it).</summary>
    Task<ProductSnapshot?> FindBySlugAsync(string slug, CancellationToken cancellationToken);

    /// <summary>A product that is on sale now, by slug.</summary>
    Task<ProductSnapshot?> FindPublishedAsync(string slug, CancellationToken cancellationToken);
}
