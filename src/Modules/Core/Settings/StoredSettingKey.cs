namespace Storefront.Core.Settings;

/// <summary>
/// A row of <c>site_settings</c> read as configuration. Rows are keyed by their configuration key
/// (<c>Site:Name</c>, <c>Stripe:SecretKey</c>); older versions used dotted names and prefixes, which migration
/// 0003 renames and which are still understood here because a restored backup from before it brings them back.
/// </summary>
public sealed record StoredSettingKey(string ConfigurationKey, bool Protected, bool Legacy)
{
    /// <summary>A stored <c>Key</c> + this suffix holds the time after which the stored <c>Key</c> no longer applies.</summary>
    public const string ExpirySuffix = "ExpiresAt";

    public const string LegacySecretPrefix = "secret.";

    public const string LegacyConfigurationPrefix = "config.";

    /// <summary>The dotted names older versions stored, and the configuration key each became.</summary>
    public static IReadOnlyDictionary<string, string> LegacyNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["site.name"] = SettingKeys.SiteName,
        ["site.supportEmail"] = SettingKeys.SupportEmail,
        ["site.logo"] = SettingKeys.LogoKey,
        ["site.theme"] = SettingKeys.Theme,
        ["seller.name"] = SettingKeys.SellerName,
        ["seller.address"] = SettingKeys.SellerAddress,
        ["downloads.defaultUses"] = SettingKeys.DefaultDownloadUses,
        ["downloads.defaultExpiryHours"] = SettingKeys.DefaultDownloadExpiryHours,
    };

    /// <summary>The configuration key a row stands for, or null for rows that are not configuration (e.g. <c>setup.recipe</c>).</summary>
    public static StoredSettingKey? Parse(string rowKey, bool isProtected)
    {
        if (rowKey.StartsWith(LegacySecretPrefix, StringComparison.Ordinal))
        {
            return new(rowKey[LegacySecretPrefix.Length..], true, true);
        }

        if (rowKey.StartsWith(LegacyConfigurationPrefix, StringComparison.Ordinal))
        {
            return new(rowKey[LegacyConfigurationPrefix.Length..], isProtected, true);
        }

        if (LegacyNames.TryGetValue(rowKey, out var renamed))
        {
            return new(renamed, isProtected, true);
        }

        return rowKey.Contains(':') ? new(rowKey, isProtected, false) : null;
    }
}
