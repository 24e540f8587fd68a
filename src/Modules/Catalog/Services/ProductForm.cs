using System.ComponentModel.DataAnnotations;
using Storefront.Catalog.Findability;
using Storefront.Catalog.Models;

namespace Storefront.Catalog.Services;

/// <summary>What the product form posts. The price stays text so a malformed one gets our message, not the binder's.</summary>
public sealed class ProductForm
{
    public string Title { get; set; } = "";

    public string? Slug { get; set; }

    public string? Description { get; set; }

    public string Price { get; set; } = "";

    public string Currency { get; set; } = "usd";

    [Display(Name = "Downloads per purchase")]
    [Range(1, 1000, ErrorMessage = "Downloads per purchase must be between 1 and 1000, or empty for the site default.")]
    public int? DownloadUses { get; set; }

    [Display(Name = "Link expiry (hours)")]
    [Range(1, 87600, ErrorMessage = "Link expiry must be between 1 and 87600 hours, or empty for the site default.")]
    public int? DownloadExpiryHours { get; set; }

    public bool Published { get; set; }

    /// <summary>What the visible stamp of buyers' copies shows; empty follows the shop's setting.</summary>
    public Core.Privacy.StampPrivacy? StampShows { get; set; }

    /// <summary>Text, not Uri: a malformed address gets our message, not the binder's.</summary>
    public string? ExternalUrl { get; set; }

    /// <summary>Set by the upload endpoint's answer; checked against the private store on save.</summary>
    public string? MasterKey { get; set; }

    public string? MasterFileName { get; set; }

    /// <summary>What the cover shows, kept in the media library with the image; empty keeps what the library has.</summary>
    public string? CoverAltText { get; set; }

    /// <summary>Bundle contents, a buyer-chosen price and a limited stock.</summary>
    public ProductOfferForm Offer { get; set; } = new();

    public SeoFields Seo { get; set; } = new();

    /// <summary>Categories and tags (see <see cref="Taxonomies.ProductTerms"/>).</summary>
    public Taxonomies.ProductTermsForm Terms { get; set; } = new();

    /// <summary>The values of the fields defined at /admin/fields, by key, as typed.</summary>
    public Dictionary<string, string?> Fields { get; set; } = [];

    public static ProductForm From(Product product) => new()
    {
        Title = product.Title,
        Slug = product.Slug,
        Description = product.Description,
        Price = PriceInput.Format(product.PriceMinor, product.Currency),
        Currency = product.Currency,
        DownloadUses = product.DownloadUses,
        DownloadExpiryHours = product.DownloadExpiryHours,
        Published = product.Published,
        StampShows = product.StampPrivacy,
        ExternalUrl = product.ExternalUrl,
        MasterKey = product.MasterKey,
        MasterFileName = product.MasterFileName,
        Seo = SeoFields.From(product),
    };
}
