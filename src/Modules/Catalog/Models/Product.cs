namespace Storefront.Catalog.Models;

/// <summary>A thing for sale. Prices are integers in the currency's minor unit (cents), never floats.</summary>
public sealed class Product : ISeoItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Slug { get; set; }

    public required string Title { get; set; }

    /// <summary>Markdown; rendered with raw HTML disabled.</summary>
    public string Description { get; set; } = "";

    public long PriceMinor { get; set; }

    /// <summary>ISO 4217, lower case as Stripe writes it.</summary>
    public string Currency { get; set; } = "usd";

    /// <summary>Key of the cover image in the public media area.</summary>
    public string? CoverKey { get; set; }

    /// <summary>Key of the master file in the private area; never served as itself.</summary>
    public string? MasterKey { get; set; }

    /// <summary>The name buyers' copies are saved under.</summary>
    public string? MasterFileName { get; set; }

    /// <summary>Downloads per purchase; null falls back to Downloads__DefaultUses.</summary>
    public int? DownloadUses { get; set; }

    /// <summary>Hours a purchase's links stay valid; null falls back to Downloads__DefaultExpiryHours.</summary>
    public int? DownloadExpiryHours { get; set; }

    public bool Published { get; set; }

    /// <summary>An absolute http(s) address of the shop that sells it; set, the product is not sold here (see <c>/go/{slug}</c>).</summary>
    public string? ExternalUrl { get; set; }

    /// <summary>
    /// Set instead of deleting a product that has orders: it leaves the storefront, but its buyers'
    /// entitlements still point at it and its master, so their downloads keep working.
    /// </summary>
    public DateTime? ArchivedAt { get; set; }

    public bool IsOnSale => Published && ArchivedAt is null;

    /// <summary>The buyer chooses the amount, at least <see cref="MinimumPriceMinor"/>; the form offers <see cref="SuggestedPriceMinor"/>.</summary>
    public bool PayWhatYouWant { get; set; }

    public long MinimumPriceMinor { get; set; }

    public long SuggestedPriceMinor { get; set; }

    /// <summary>
    /// Units still available of a limited edition; null when unlimited. Checkout holds a unit by decrementing it in the
    /// database (never read, then written), so concurrent buyers cannot take more than there is.
    /// </summary>
    public int? StockLeft { get; set; }

    public bool IsSoldOut => StockLeft is <= 0;

    public string? SeoTitle { get; set; }

    public string? SeoDescription { get; set; }

    public string? SocialImage { get; set; }

    public string? CanonicalUrl { get; set; }

    /// <summary>What the visible stamp of its copies shows; null follows the shop's setting.</summary>
    public Core.Privacy.StampPrivacy? StampPrivacy { get; set; }

    /// <summary>The number of the version buyers see (see <c>product_versions</c>); 0 before the first versioned save.</summary>
    public int LiveVersion { get; set; }

    public required DateTime CreatedAt { get; set; }

    public required DateTime UpdatedAt { get; set; }
}
