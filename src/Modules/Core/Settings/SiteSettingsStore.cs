using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Content;
using Storefront.Core.Data;

namespace Storefront.Core.Settings;

/// <summary>The settings every page needs, as configuration holds them now (appsettings &lt; stored &lt; environment).</summary>
public sealed record SiteSettings(string SiteName, string? SupportEmail)
{
    public const string SiteNameKey = SettingKeys.SiteName;
    public const string SupportEmailKey = SettingKeys.SupportEmail;
    public const string DefaultSiteName = "Storefront";

    /// <summary>The logo's public address (the Media module serves the public area at <c>/media/{key}</c>), or null.</summary>
    public string? LogoUrl { get; init; }

    /// <summary>The stored theme name, as typed; <see cref="Themes.ActiveTheme"/> says which installed theme it means.</summary>
    public string? Theme { get; init; }

    public string? SellerName { get; init; }

    /// <summary>Address lines joined by newlines.</summary>
    public string? SellerAddress { get; init; }

    public string? SellerVatId { get; init; }
}

/// <summary>
/// Reads the site settings from the options (no query: the configuration chain already holds them, and a change
/// anywhere reaches every instance within the poll interval) and stages writes to the settings table, which the
/// configuration re-reads as soon as they are saved.
/// </summary>
public sealed class SiteSettingsStore(StorefrontDbContext db, IOptionsMonitor<SiteOptions> site, IOptionsMonitor<SellerOptions> seller)
{
    public Task<SiteSettings> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(Current);

    public SiteSettings Current
    {
        get
        {
            var (options, sellerOptions) = (site.CurrentValue, seller.CurrentValue);
            return new SiteSettings(options.Name is { Length: > 0 } name ? name : SiteSettings.DefaultSiteName, NullIfEmpty(options.SupportEmail))
            {
                LogoUrl = NullIfEmpty(options.Logo) is { } logo ? MediaUrl.For(logo) : null,
                Theme = NullIfEmpty(options.Theme),
                SellerName = NullIfEmpty(sellerOptions.Name),
                SellerAddress = NullIfEmpty(sellerOptions.Address),
                SellerVatId = NullIfEmpty(sellerOptions.VatId),
            };
        }
    }

    /// <summary>The stored (not the effective) value of a row, e.g. to tell what the admin typed from what the environment sets.</summary>
    public async Task<string?> GetStoredAsync(string key, CancellationToken cancellationToken = default) =>
        (await db.Set<SiteSetting>().AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, cancellationToken))?.Value;

    /// <summary>Every stored plain (not protected) value by configuration key, as the admin saved it.</summary>
    public Task<Dictionary<string, string>> StoredPlainValuesAsync(CancellationToken cancellationToken = default) =>
        db.Set<SiteSetting>().AsNoTracking().Where(s => !s.Protected).ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);

    /// <summary>Which secrets have a stored value; their ciphertext is not read.</summary>
    public async Task<HashSet<string>> StoredSecretKeysAsync(CancellationToken cancellationToken = default) =>
        (await db.Set<SiteSetting>().AsNoTracking().Where(s => s.Protected).Select(s => s.Key).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Stages a value in the context; returns whether anything changed.</summary>
    public async Task<bool> StageAsync(string key, string value, CancellationToken cancellationToken = default, bool isProtected = false)
    {
        var existing = await db.Set<SiteSetting>().FindAsync([key], cancellationToken);
        if (existing is null)
        {
            db.Add(new SiteSetting { Key = key, Value = value, Protected = isProtected });
            return true;
        }

        if (existing.Value == value && existing.Protected == isProtected)
        {
            return false;
        }

        (existing.Value, existing.Protected) = (value, isProtected);
        return true;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
