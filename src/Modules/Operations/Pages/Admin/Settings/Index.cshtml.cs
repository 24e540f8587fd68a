using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Core.Recipes;
using Storefront.Core.Security;
using Storefront.Core.Themes;
using Storefront.Operations.Settings;

namespace Storefront.Operations.Pages.Admin.Settings;

/// <summary><c>/admin/settings</c>: the shop's settings, its logo, write-only secrets and the recipe export.</summary>
[Authorize(Policy = nameof(AdminPermissions.ManageSettings))]
public sealed class IndexModel(SiteSettingsEditor editor, EnvironmentSettings environment, EmailSettingsCheck emailCheck, RecipeExporter exporter,
    AuditLog audit, StorefrontDbContext db, ThemeCatalog themes) : PageModel
{
    [BindProperty]
    public SettingsForm Form { get; set; } = new();

    public HashSet<string> StoredSecrets { get; private set; } = [];

    public string? LogoKey { get; private set; }

    public EnvironmentSettings Environment => environment;

    /// <summary>The installed themes, as they declare themselves; the Theme select offers exactly these.</summary>
    public ThemeCatalog Themes => themes;

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashIsError { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form = await editor.LoadAsync(cancellationToken);
        await LoadStateAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (themes.Find(Form.Theme) is { } theme)
        {
            Form.Theme = theme.Name;
        }
        else
        {
            ModelState.AddModelError("Form.Theme", "Choose one of the installed themes.");
        }

        if (ModelState.IsValid)
        {
            foreach (var (field, message) in emailCheck.Problems(Form))
            {
                ModelState.AddModelError(field.Length == 0 ? "" : $"Form.{field}", message);
            }
        }

        if (!ModelState.IsValid)
        {
            await LoadStateAsync(cancellationToken);
            // Whatever was typed into a secret field is not sent back: the page never holds a secret.
            Form.StripeSecretKey = Form.StripeWebhookSecret = Form.SmtpPassword = null;
            return Page();
        }

        var changed = await editor.SaveAsync(Form, cancellationToken);
        Flash = changed.Count == 0 ? "Nothing changed." : $"Saved: {string.Join(", ", changed)}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLogoAsync(IFormFile? logo, CancellationToken cancellationToken)
    {
        var problem = logo is null ? "Choose an image file to upload." : await editor.SaveLogoAsync(logo, cancellationToken);
        (Flash, FlashIsError) = problem is null ? ("The new logo is saved.", false) : (problem, true);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        byte[] zip;
        try
        {
            zip = await exporter.ExportZipAsync(cancellationToken);
        }
        catch (ExportException e)
        {
            (Flash, FlashIsError) = (e.Message, true);
            return RedirectToPage();
        }
        audit.Record("recipe.exported", "site", $"{zip.Length} bytes");
        await db.SaveChangesAsync(cancellationToken);
        return File(zip, "application/zip", $"storefront-recipe-{DateTime.UtcNow:yyyyMMdd-HHmm}.zip");
    }

    /// <summary>For a field the environment decides, its value there (not a secret) and that it wins; otherwise which key would.</summary>
    public string State(PlainSetting setting) => environment.Provides(setting)
        ? $"set by the environment ({setting.EnvironmentKey} = {environment.Value(setting)}), which wins"
        : $"used unless {setting.EnvironmentKey} is set in the environment";

    private async Task LoadStateAsync(CancellationToken cancellationToken)
    {
        StoredSecrets = await editor.StoredSecretsAsync(cancellationToken);
        LogoKey = await editor.LogoKeyAsync(cancellationToken);
    }
}
