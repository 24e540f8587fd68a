using System.ComponentModel.DataAnnotations;
using Storefront.Core.Themes;

namespace Storefront.Operations.Settings;

/// <summary>The settings page's fields. Secrets are write-only: they arrive empty and are only ever typed in.</summary>
public sealed class SettingsForm
{
    public const string DefaultTheme = ThemeCatalog.DefaultThemeName;

    [Required(ErrorMessage = "Enter the shop's name.")]
    [StringLength(100, ErrorMessage = "The site name can be at most 100 characters.")]
    [Display(Name = "Site name")]
    public string SiteName { get; set; } = "";

    [EmailAddress(ErrorMessage = "Enter a support address such as help@example.com.")]
    [Display(Name = "Support email")]
    public string? SupportEmail { get; set; }

    [StringLength(200, ErrorMessage = "The seller name can be at most 200 characters.")]
    [Display(Name = "Seller name")]
    public string? SellerName { get; set; }

    [StringLength(1000, ErrorMessage = "The address can be at most 1000 characters.")]
    [Display(Name = "Seller address (one line per line)")]
    public string? SellerAddress { get; set; }

    [Range(1, 1000, ErrorMessage = "Downloads per purchase must be between 1 and 1000.")]
    [Display(Name = "Downloads per purchase")]
    public int? DefaultDownloadUses { get; set; }

    [Range(1, 87600, ErrorMessage = "Link lifetime must be between 1 and 87600 hours.")]
    [Display(Name = "Links stay valid for (hours)")]
    public int? DefaultDownloadExpiryHours { get; set; }

    [Display(Name = "Theme")]
    public string Theme { get; set; } = DefaultTheme;

    [Display(Name = "Stripe secret key")]
    public string? StripeSecretKey { get; set; }

    [Display(Name = "Stripe webhook signing secret")]
    public string? StripeWebhookSecret { get; set; }

    [Display(Name = "SMTP password")]
    public string? SmtpPassword { get; set; }

    public string? SecretValue(SecretSetting secret) => secret.FieldName switch
    {
        "StripeSecretKey" => StripeSecretKey,
        "StripeWebhookSecret" => StripeWebhookSecret,
        _ => SmtpPassword,
    };
}
