using System.Text.Json;
using Storefront.Catalog.Models;

namespace Storefront.Catalog.Versions;

/// <summary>
/// The editable fields of a product, as a version keeps them. Bundle contents and the units left are not here: they are
/// what checkout holds and sells right now, so they change at once and are not drafted.
/// </summary>
public sealed record ProductContent(
    string Title, string Slug, string Description, long PriceMinor, string Currency, string? CoverKey, string? MasterKey, string? MasterFileName,
    int? DownloadUses, int? DownloadExpiryHours, bool Published, string? ExternalUrl, bool PayWhatYouWant, long MinimumPriceMinor,
    long SuggestedPriceMinor, string? SeoTitle, string? SeoDescription, string? SocialImage, string? CanonicalUrl)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Not positional, so versions saved before it existed read as null (the shop's choice).</summary>
    public Core.Privacy.StampPrivacy? StampPrivacy { get; init; }

    /// <summary>How the history names each group of fields when it lists what a version changed.</summary>
    private static readonly (string Name, Func<ProductContent, object?> Value)[] Fields =
    [
        ("title", c => c.Title),
        ("slug", c => c.Slug),
        // A browser posts a textarea with CRLF line endings: a round trip through the form is not a change.
        ("description", c => c.Description.ReplaceLineEndings("\n")),
        ("price", c => (c.PriceMinor, c.Currency)),
        ("cover", c => c.CoverKey),
        ("master file", c => (c.MasterKey, c.MasterFileName)),
        ("download policy", c => (c.DownloadUses, c.DownloadExpiryHours)),
        ("published", c => c.Published),
        ("external shop", c => c.ExternalUrl),
        ("pay what you want", c => (c.PayWhatYouWant, c.MinimumPriceMinor, c.SuggestedPriceMinor)),
        ("SEO", c => (c.SeoTitle, c.SeoDescription, c.SocialImage, c.CanonicalUrl)),
        ("stamp", c => c.StampPrivacy),
    ];

    public static ProductContent Of(Product p) => new(p.Title, p.Slug, p.Description, p.PriceMinor, p.Currency, p.CoverKey, p.MasterKey,
        p.MasterFileName, p.DownloadUses, p.DownloadExpiryHours, p.Published, p.ExternalUrl, p.PayWhatYouWant, p.MinimumPriceMinor,
        p.SuggestedPriceMinor, p.SeoTitle, p.SeoDescription, p.SocialImage, p.CanonicalUrl) { StampPrivacy = p.StampPrivacy };

    public static ProductContent Parse(string json) =>
        JsonSerializer.Deserialize<ProductContent>(json, Json) ?? throw new InvalidOperationException("A product version holds no content.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The names of the field groups that differ from <paramref name="before"/>, e.g. "title, price"; empty when none do.</summary>
    public string ChangesFrom(ProductContent before) =>
        string.Join(", ", Fields.Where(f => !Equals(f.Value(this), f.Value(before))).Select(f => f.Name));

    /// <summary>Writes the fields onto a product, all but <see cref="Published"/>: whether it is on sale is the caller's decision.</summary>
    public void ApplyTo(Product p)
    {
        p.Title = Title;
        p.Slug = Slug;
        p.Description = Description;
        p.PriceMinor = PriceMinor;
        p.Currency = Currency;
        p.CoverKey = CoverKey;
        p.MasterKey = MasterKey;
        p.MasterFileName = MasterFileName;
        p.DownloadUses = DownloadUses;
        p.DownloadExpiryHours = DownloadExpiryHours;
        p.ExternalUrl = ExternalUrl;
        p.PayWhatYouWant = PayWhatYouWant;
        p.MinimumPriceMinor = MinimumPriceMinor;
        p.SuggestedPriceMinor = SuggestedPriceMinor;
        p.SeoTitle = SeoTitle;
        p.SeoDescription = SeoDescription;
        p.SocialImage = SocialImage;
        p.CanonicalUrl = CanonicalUrl;
        p.StampPrivacy = StampPrivacy;
    }

    /// <summary>An untracked copy of <paramref name="live"/> showing these fields: what the form and the preview show of a draft.</summary>
    public Product AsCopyOf(Product live)
    {
        var copy = new Product
        {
            Id = live.Id, Slug = Slug, Title = Title, Published = live.Published, ArchivedAt = live.ArchivedAt, StockLeft = live.StockLeft,
            LiveVersion = live.LiveVersion, CreatedAt = live.CreatedAt, UpdatedAt = live.UpdatedAt,
        };
        ApplyTo(copy);
        return copy;
    }
}
