using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Recipes;
using Storefront.Core.Themes;

namespace Storefront.Core.Settings;

/// <summary>The <c>settings</c> step as <see cref="SettingsRecipeStep"/> reads it: every known, non-secret setting (the logo is Media's).</summary>
internal sealed class SettingsExportStep(StorefrontDbContext db, ThemeCatalog themes) : IRecipeExportStep
{
    public string Name => "settings";

    public int Order => 100;

    public async Task ExportAsync(RecipeExport export, CancellationToken cancellationToken)
    {
        // Only known keys, never secrets: those stay in the environment or the database they were typed into.
        var values = await db.Set<SiteSetting>().AsNoTracking().Where(s => !s.Protected)
            .ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        var step = export.Step(Name);
        Add("siteName", SiteSettings.SiteNameKey);
        Add("supportEmail", SiteSettings.SupportEmailKey);
        Add("sellerName", SettingKeys.SellerName);
        Add("sellerVatId", SettingKeys.SellerVatId);
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
