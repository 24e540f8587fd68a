using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Media.Library;

namespace Storefront.Operations.Settings;

/// <summary>
/// Loads and saves the settings page. Every save is one unit of work with its audit entry; the configuration re-reads
/// the stored settings as soon as it is committed, so a change applies on this instance at once (and on the others
/// at their next poll).
/// </summary>
public sealed class SiteSettingsEditor(
    StorefrontDbContext db, SiteSettingsStore store, SecretSettings secrets, SiteLogo logo, AuditLog audit, TimeProvider time)
{
    public async Task<SettingsForm> LoadAsync(CancellationToken cancellationToken)
    {
        var values = await db.Set<SiteSetting>().AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        var form = new SettingsForm
        {
            SiteName = values.GetValueOrDefault(SiteSettings.SiteNameKey) ?? SiteSettings.DefaultSiteName,
            SupportEmail = values.GetValueOrDefault(SiteSettings.SupportEmailKey),
            SellerName = values.GetValueOrDefault(SettingKeys.SellerName),
            SellerAddress = values.GetValueOrDefault(SettingKeys.SellerAddress),
            DefaultDownloadUses = Number(values.GetValueOrDefault(SettingKeys.DefaultDownloadUses)),
            DefaultDownloadExpiryHours = Number(values.GetValueOrDefault(SettingKeys.DefaultDownloadExpiryHours)),
            Theme = values.GetValueOrDefault(SettingKeys.Theme) ?? SettingsForm.DefaultTheme,
        };
        foreach (var setting in PlainSetting.Email)
        {
            form.SetPlainValue(setting, values.GetValueOrDefault(setting.StoredKey));
        }

        return form;
    }

    /// <summary>Which secrets have a stored value; the values themselves never leave this class.</summary>
    public async Task<HashSet<string>> StoredSecretsAsync(CancellationToken cancellationToken) =>
        (await db.Set<SiteSetting>().AsNoTracking().Where(s => s.Protected).Select(s => s.Key)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    public Task<string?> LogoKeyAsync(CancellationToken cancellationToken) => store.GetStoredAsync(SettingKeys.LogoKey, cancellationToken);

    public async Task<IReadOnlyList<string>> SaveAsync(SettingsForm form, CancellationToken cancellationToken)
    {
        var changed = new List<string>();
        await Stage(SiteSettings.SiteNameKey, form.SiteName.Trim(), "site name");
        await Stage(SiteSettings.SupportEmailKey, form.SupportEmail?.Trim() ?? "", "support email");
        await Stage(SettingKeys.SellerName, form.SellerName?.Trim() ?? "", "seller name");
        await Stage(SettingKeys.SellerAddress, NormaliseLines(form.SellerAddress), "seller address");
        await Stage(SettingKeys.DefaultDownloadUses, form.DefaultDownloadUses?.ToString(CultureInfo.InvariantCulture) ?? "", "downloads per purchase");
        await Stage(SettingKeys.DefaultDownloadExpiryHours, form.DefaultDownloadExpiryHours?.ToString(CultureInfo.InvariantCulture) ?? "", "link lifetime");
        await Stage(SettingKeys.Theme, form.Theme, "theme");
        foreach (var setting in PlainSetting.Email)
        {
            // Stored even while the environment sets the key (it wins meanwhile), so an owner can move a value from the
            // environment into the admin: store it here, then remove the variable.
            await Stage(setting.StoredKey, form.PlainValue(setting), setting.Label);
        }

        foreach (var secret in SecretSetting.All)
        {
            // An empty field means "keep what is stored": secrets are never shown, so the form cannot echo them back.
            if (form.SecretValue(secret) is { Length: > 0 } value && value.Trim().Length > 0)
            {
                if (secret == SecretSetting.StripeWebhookSecret)
                {
                    await KeepPreviousWebhookSecretAsync(value.Trim(), cancellationToken);
                }

                await store.StageAsync(secret.StoredKey, secrets.Protect(value.Trim()), cancellationToken, isProtected: true);
                changed.Add(secret.Label);
            }
        }

        if (changed.Count > 0)
        {
            audit.Record("settings.changed", "settings", string.Join(", ", changed));
            await db.SaveChangesAsync(cancellationToken);
        }

        return changed;

        async Task Stage(string key, string value, string label)
        {
            if (await store.StageAsync(key, value, cancellationToken))
            {
                changed.Add(label);
            }
        }
    }

    /// <summary>
    /// The webhook secret being replaced stays accepted for <see cref="WebhookRotation.Overlap"/>: Stripe signs with the
    /// old one until the endpoint's secret is changed there too, and retries deliveries signed before.
    /// </summary>
    private async Task KeepPreviousWebhookSecretAsync(string replacement, CancellationToken cancellationToken)
    {
        var current = await store.GetStoredAsync(SecretSetting.StripeWebhookSecret.StoredKey, cancellationToken);
        if (secrets.Unprotect(current) is { } previous && previous != replacement)
        {
            await store.StageAsync(SecretSetting.PreviousWebhookSecret.StoredKey, current!, cancellationToken, isProtected: true);
            await store.StageAsync(WebhookRotation.ExpiresAtKey, WebhookRotation.ExpiresAt(time.GetUtcNow()), cancellationToken);
        }
    }

    /// <summary>Stores an uploaded logo in the public area, if its bytes are an image; returns an error message otherwise.</summary>
    public async Task<string?> SaveLogoAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var bytes = Array.Empty<byte>();
        // Only a file within the limit is read into memory; a larger one is refused by its length alone.
        if (file.Length is > 0 and <= SiteLogo.MaxBytes)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        if (SiteLogo.Problem(file.Length, bytes, MediaLibrary.SafeName(file.FileName)) is { } problem)
        {
            return $"The logo was refused: {problem}.";
        }

        await store.StageAsync(SettingKeys.LogoKey, await logo.StoreAsync(bytes, cancellationToken), cancellationToken);
        audit.Record("settings.changed", "settings", "logo");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static string NormaliseLines(string? text) =>
        string.Join('\n', (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static int? Number(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
