using System.Net.Mail;
using Storefront.Core.Recipes;

namespace Storefront.Core.Settings;

/// <summary><c>{ "name": "settings", "siteName": "…", "supportEmail": "…" }</c></summary>
internal sealed class SettingsRecipeStep(SiteSettingsStore store) : IRecipeStep
{
    public string Name => "settings";

    public Task ValidateAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var name = step.OptionalString(step.Element, "siteName", "siteName");
        if (name is not null && (name.Trim().Length == 0 || name.Length > 100))
        {
            step.Error("siteName", "must be 1 to 100 characters");
        }

        var email = step.OptionalString(step.Element, "supportEmail", "supportEmail");
        if (email is not null && !MailAddress.TryCreate(email, out _))
        {
            step.Error("supportEmail", $"'{email}' is not an email address");
        }

        return Task.CompletedTask;
    }

    public async Task<int> ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var changes = 0;
        if (step.OptionalString(step.Element, "siteName", "siteName") is { } name
            && await store.StageAsync(SiteSettings.SiteNameKey, name.Trim(), cancellationToken))
        {
            changes++;
        }

        if (step.OptionalString(step.Element, "supportEmail", "supportEmail") is { } email
            && await store.StageAsync(SiteSettings.SupportEmailKey, email.Trim(), cancellationToken))
        {
            changes++;
        }

        return changes;
    }
}
