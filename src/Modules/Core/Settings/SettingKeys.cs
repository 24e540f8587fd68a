namespace Storefront.Core.Settings;

/// <summary>
/// Keys of the settings the admin edits beyond <see cref="SiteSettings"/>. They live in Core so the module
/// that uses a value (receipts, downloads) reads it without referencing the module that edits it.
/// </summary>
public static class SettingKeys
{
    public const string LogoKey = "site.logo";
    public const string Theme = "site.theme";
    public const string SellerName = "seller.name";

    /// <summary>Address lines joined by newlines.</summary>
    public const string SellerAddress = "seller.address";

    public const string DefaultDownloadUses = "downloads.defaultUses";
    public const string DefaultDownloadExpiryHours = "downloads.defaultExpiryHours";

    /// <summary>Secrets are stored encrypted under this prefix and never exported.</summary>
    public const string SecretPrefix = "secret.";

    /// <summary>Plain configuration values typed into the admin (SMTP host …), stored under this prefix plus the configuration key.</summary>
    public const string ConfigurationPrefix = "config.";
}
