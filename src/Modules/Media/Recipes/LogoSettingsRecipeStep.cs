using Storefront.Core.Recipes;
using Storefront.Core.Settings;
using Storefront.Media.Library;

namespace Storefront.Media.Recipes;

/// <summary>
/// The <c>settings</c> step's <c>"logo": "media/logo.png"</c> (Core reads the step's other fields): checked like an
/// upload in the admin, and the same bytes imported again change nothing.
/// </summary>
internal sealed class LogoSettingsRecipeStep(SiteLogo logo, SiteSettingsStore store) : IRecipeStep
{
    public string Name => "settings";

    public async Task ValidateAsync(RecipeStepContext step, CancellationToken cancellationToken) => await ReadAsync(step, cancellationToken);

    public async Task<int> ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        if (await ReadAsync(step, cancellationToken) is not { } bytes)
        {
            return 0;
        }

        var key = await logo.StoreAsync(bytes, cancellationToken);
        return await store.StageAsync(SettingKeys.LogoKey, key, cancellationToken) ? 1 : 0;
    }

    private static async Task<byte[]?> ReadAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        if (step.ExistingFile(step.Element, "logo", "logo", required: false) is not { } path)
        {
            return null;
        }

        var length = new FileInfo(path).Length;
        // Only a file within the limit is read whole; a larger one is refused by its length alone.
        var bytes = length is > 0 and <= SiteLogo.MaxBytes ? await File.ReadAllBytesAsync(path, cancellationToken) : [];
        if (SiteLogo.Problem(length, bytes, Path.GetFileName(path)) is { } problem)
        {
            step.Error("logo", problem);
            return null;
        }

        return bytes;
    }
}
