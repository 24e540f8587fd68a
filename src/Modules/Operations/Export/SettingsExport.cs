using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Core.Themes;
using Storefront.Media.Storage;

namespace Storefront.Operations.Export;

/// <summary>The <c>settings</c> step: every known, non-secret setting, and the logo as a file beside the recipe.</summary>
internal static class SettingsExport
{
    public static async Task<JsonObject> StepAsync(StorefrontDbContext db, ExportFolder folder, ThemeCatalog themes, CancellationToken cancellationToken)
    {
        // Only known keys, never secrets: those stay in the environment or the database they were typed into.
        var values = await db.Set<SiteSetting>().AsNoTracking().Where(s => !s.Protected)
            .ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        var step = new JsonObject { ["name"] = "settings" };
        Add("siteName", SiteSettings.SiteNameKey);
        Add("supportEmail", SiteSettings.SupportEmailKey);
        Add("sellerName", SettingKeys.SellerName);
        if (values.GetValueOrDefault(SettingKeys.SellerAddress) is { Length: > 0 } address)
        {
            step["sellerAddress"] = new JsonArray(address.Split('\n').Select(l => (JsonNode)l).ToArray());
        }

        AddNumber("downloadUses", SettingKeys.DefaultDownloadUses);
        AddNumber("downloadExpiryHours", SettingKeys.DefaultDownloadExpiryHours);
        // A theme since uninstalled is left out: the shop already shows the default in its place, and an
        // import refuses a theme it does not have.
        if (themes.Find(values.GetValueOrDefault(SettingKeys.Theme)) is { } theme)
        {
            step["theme"] = theme.Name;
        }
        if (values.GetValueOrDefault(SettingKeys.LogoKey) is { Length: > 0 } logo)
        {
            // Product folders are named by slug, which has no dot: "logo.png" cannot clash with one.
            step["logo"] = await folder.CopyAsync(BlobArea.Public, logo, Path.GetFileName(logo), "the logo", cancellationToken);
        }

        return step;

        void Add(string field, string key)
        {
            if (values.GetValueOrDefault(key) is { Length: > 0 } value)
            {
                step[field] = value;
            }
        }

        void AddNumber(string field, string key)
        {
            if (int.TryParse(values.GetValueOrDefault(key), CultureInfo.InvariantCulture, out var number))
            {
                step[field] = number;
            }
        }
    }
}
