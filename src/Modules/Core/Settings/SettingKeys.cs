namespace Storefront.Core.Settings;

/// <summary>
/// Configuration keys of the settings the admin edits and recipes import. They are stored under these very keys and
/// read through configuration like any other (appsettings &lt; stored &lt; environment), so the module that uses a
/// value (receipts, downloads) reads it without referencing the module that edits it.
/// </summary>
public static class SettingKeys
{
    public const string SiteName = "Site:Name";
    public const string SupportEmail = "Site:SupportEmail";
    public const string LogoKey = "Site:Logo";
    public const string Theme = "Site:Theme";
    public const string SellerName = "Seller:Name";

    /// <summary>Address lines joined by newlines.</summary>
    public const string SellerAddress = "Seller:Address";

    /// <summary>The seller's VAT (or other tax) registration number, printed on invoices.</summary>
    public const string SellerVatId = "Seller:VatId";

    public const string DefaultDownloadUses = "Downloads:DefaultUses";
    public const string DefaultDownloadExpiryHours = "Downloads:DefaultExpiryHours";
}
