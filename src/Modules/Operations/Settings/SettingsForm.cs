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

    [StringLength(255, ErrorMessage = "The SMTP host can be at most 255 characters.")]
    [Display(Name = "SMTP host")]
    public string? SmtpHost { get; set; }

    [Range(1, 65535, ErrorMessage = "The SMTP port must be between 1 and 65535.")]
    [Display(Name = "SMTP port")]
    public int? SmtpPort { get; set; }

    [StringLength(200, ErrorMessage = "The SMTP user name can be at most 200 characters.")]
    [Display(Name = "SMTP user name")]
    public string? SmtpUsername { get; set; }

    [StringLength(254, ErrorMessage = "The sender address can be at most 254 characters.")]
    [Display(Name = "Sender address")]
    public string? EmailFrom { get; set; }

    [Display(Name = "Stripe secret key")]
    public string? StripeSecretKey { get; set; }

    [Display(Name = "Stripe webhook signing secret")]
    public string? StripeWebhookSecret { get; set; }

    [Display(Name = "SMTP password")]
    public string? SmtpPassword { get; set; }

    public string? SecretValue(SecretSetting secret) =>
        secret == SecretSetting.StripeSecretKey ? StripeSecretKey
        : secret == SecretSetting.StripeWebhookSecret ? StripeWebhookSecret
        : secret == SecretSetting.SmtpPassword ? SmtpPassword
        : null;

    /// <summary>A plain setting's field as text, as it is stored ("" for an empty field).</summary>
    public string PlainValue(PlainSetting setting) => (
        setting == PlainSetting.SmtpHost ? SmtpHost
        : setting == PlainSetting.SmtpPort ? SmtpPort?.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : setting == PlainSetting.SmtpUsername ? SmtpUsername
        : setting == PlainSetting.EmailFrom ? EmailFrom
        : null)?.Trim() ?? "";

    /// <summary>Fills a plain setting's field from its stored (or the environment's) text.</summary>
    public void SetPlainValue(PlainSetting setting, string? value)
    {
        if (setting == PlainSetting.SmtpHost)
        {
            SmtpHost = value;
        }
        else if (setting == PlainSetting.SmtpPort)
        {
            SmtpPort = int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : null;
        }
        else if (setting == PlainSetting.SmtpUsername)
        {
            SmtpUsername = value;
        }
        else if (setting == PlainSetting.EmailFrom)
        {
            EmailFrom = value;
        }
    }
}
