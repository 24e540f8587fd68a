using System.Globalization;
using System.Text.Json;
using Storefront.Core.Recipes;
using Storefront.Core.Themes;

namespace Storefront.Core.Settings;

/// <summary>
/// <c>{ "name": "settings", "siteName": "…", "supportEmail": "…", "sellerName": "…", "sellerAddress": ["…"], "sellerVatId": "…",
/// "downloadUses": 3, "downloadExpiryHours": 24, "theme": "Storefront" }</c>. Every field is optional; secrets
/// have no field on purpose (they belong in the environment, and a recipe is a file that gets shared).
/// </summary>
internal sealed class SettingsRecipeStep(SiteSettingsStore store, ThemeCatalog themes) : IRecipeStep
{
    public string Name => "settings";

    public Task ValidateAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        Read(step);
        return Task.CompletedTask;
    }

    public async Task<int> ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var changes = 0;
        foreach (var (key, value) in Read(step))
        {
            if (await store.StageAsync(key, value, cancellationToken))
            {
                changes++;
            }
        }

        return changes;
    }

    private List<(string Key, string Value)> Read(RecipeStepContext step)
    {
        var values = new List<(string Key, string Value)>();
        var e = step.Element;
        if (step.OptionalString(e, "siteName", "siteName") is { } name)
        {
            if (name.Trim().Length == 0 || name.Length > 100)
            {
                step.Error("siteName", "must be 1 to 100 characters");
            }
            else if (SiteSettingsSection.SiteNameProblem(name.Trim()) is { } problem)
            {
                step.Error("siteName", problem);
            }

            values.Add((SiteSettings.SiteNameKey, name.Trim()));
        }

        if (step.OptionalString(e, "supportEmail", "supportEmail") is { } email)
        {
            if (!Mail.EmailAddressSyntax.IsPlainAddress(email))
            {
                step.Error("supportEmail", $"'{email}' is not an email address");
            }

            values.Add((SiteSettings.SupportEmailKey, email.Trim()));
        }

        if (step.OptionalString(e, "sellerName", "sellerName") is { } seller)
        {
            if (SellerSettingsSection.SellerNameProblem(seller.Trim()) is { } problem)
            {
                step.Error("sellerName", problem);
            }

            values.Add((SettingKeys.SellerName, seller.Trim()));
        }

        if (step.OptionalString(e, "sellerVatId", "sellerVatId") is { } vatId)
        {
            if (SellerSettingsSection.SellerVatIdProblem(vatId.Trim()) is { } problem)
            {
                step.Error("sellerVatId", problem);
            }

            values.Add((SettingKeys.SellerVatId, vatId.Trim()));
        }

        if (e.TryGetProperty("sellerAddress", out var address))
        {
            if (address.ValueKind != JsonValueKind.Array || address.EnumerateArray().Any(l => l.ValueKind != JsonValueKind.String))
            {
                step.Error("sellerAddress", "must be an array of address lines");
            }
            else
            {
                values.Add((SettingKeys.SellerAddress, string.Join('\n', address.EnumerateArray().Select(l => l.GetString()!.Trim()))));
            }
        }

        if (step.Integer(e, "downloadUses", "downloadUses", required: false, 1, 1000) is { } uses)
        {
            values.Add((SettingKeys.DefaultDownloadUses, uses.ToString(CultureInfo.InvariantCulture)));
        }

        if (step.Integer(e, "downloadExpiryHours", "downloadExpiryHours", required: false, 1, 87600) is { } hours)
        {
            values.Add((SettingKeys.DefaultDownloadExpiryHours, hours.ToString(CultureInfo.InvariantCulture)));
        }

        if (step.OptionalString(e, "theme", "theme") is { } theme)
        {
            if (themes.Find(theme) is { } installed)
            {
                values.Add((SettingKeys.Theme, installed.Name));
            }
            else
            {
                step.Error("theme", $"'{theme}' is not an installed theme; choose one of: {string.Join(", ", themes.Installed.Select(t => t.Name))}");
            }
        }

        return values;
    }
}
