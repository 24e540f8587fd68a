using Microsoft.EntityFrameworkCore;
using Storefront.Core.Content;
using Storefront.Core.Data;

namespace Storefront.Core.Settings;

/// <summary>
/// The settings every page needs. Read once per request (the store is scoped): an import or an admin change shows on
/// the next request, on every app instance, with no cache to go stale.
/// </summary>
public sealed record SiteSettings(string SiteName, string? SupportEmail)
{
    public const string SiteNameKey = "site.name";
    public const string SupportEmailKey = "site.supportEmail";
    public const string DefaultSiteName = "Storefront";

    /// <summary>The logo's public address (the Media module serves the public area at <c>/media/{key}</c>), or null.</summary>
    public string? LogoUrl { get; init; }

    /// <summary>The stored theme name, as typed; <see cref="Themes.ActiveTheme"/> says which installed theme it means.</summary>
    public string? Theme { get; init; }
}

public sealed class SiteSettingsStore(StorefrontDbContext db)
{
    private SiteSettings? current;

    public async Task<SiteSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        if (current is not null)
        {
            return current;
        }

        var values = await db.Set<SiteSetting>().AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        current = new SiteSettings(
            values.GetValueOrDefault(SiteSettings.SiteNameKey) is { Length: > 0 } name ? name : SiteSettings.DefaultSiteName,
            // A cleared field is stored empty; "no support address" must read as none, not as an empty address.
            values.GetValueOrDefault(SiteSettings.SupportEmailKey) is { Length: > 0 } email ? email : null)
        {
            LogoUrl = values.GetValueOrDefault(SettingKeys.LogoKey) is { Length: > 0 } logo ? MediaUrl.For(logo) : null,
            Theme = values.GetValueOrDefault(SettingKeys.Theme),
        };
        return current;
    }

    public async Task<string?> GetValueAsync(string key, CancellationToken cancellationToken = default) =>
        (await db.Set<SiteSetting>().AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, cancellationToken))?.Value;

    /// <summary>Stages a value in the context; returns whether anything changed.</summary>
    public async Task<bool> StageAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        current = null;
        var existing = await db.Set<SiteSetting>().FindAsync([key], cancellationToken);
        if (existing is null)
        {
            db.Add(new SiteSetting { Key = key, Value = value });
            return true;
        }

        if (existing.Value == value)
        {
            return false;
        }

        existing.Value = value;
        return true;
    }
}
