using Storefront.Core.Recipes;
using Storefront.Core.Settings;
using Storefront.Media.Storage;

namespace Storefront.Media.Recipes;

/// <summary>The <c>settings</c> step's <c>"logo"</c>, as <see cref="LogoSettingsRecipeStep"/> reads it: the logo as a file beside the recipe.</summary>
internal sealed class LogoExportStep(SiteSettingsStore settings, IBlobStore blobs) : IRecipeExportStep
{
    public string Name => "settings";

    // Right after the settings Core writes, so the logo stays the step's last field.
    public int Order => 110;

    public async Task ExportAsync(RecipeExport export, CancellationToken cancellationToken)
    {
        if (await settings.GetStoredAsync(SettingKeys.LogoKey, cancellationToken) is { Length: > 0 } logo)
        {
            // Product folders are named by slug, which has no dot: "logo.png" cannot clash with one.
            export.Step(Name)["logo"] = await export.CopyBlobAsync(blobs, BlobArea.Public, logo, Path.GetFileName(logo), "the logo", cancellationToken);
        }
    }
}
