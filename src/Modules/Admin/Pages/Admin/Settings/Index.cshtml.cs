using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Admin.Settings;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Core.Security;
using Storefront.Core.Settings;

namespace Storefront.Admin.Pages.Admin.Settings;

/// <summary><c>/admin/settings</c>: the sections the enabled modules contribute, their uploads, and the recipe export.</summary>
[Authorize(Policy = nameof(AdminPermissions.ManageSettings))]
public sealed class IndexModel(SettingsEditor editor, ConfigurationLayers layers, IEnumerable<ISettingsUpload> uploads,
    IEnumerable<ISiteExport> exports, SiteSettingsStore store, AuditLog audit, StorefrontDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<ISettingsSection> Sections => editor.Sections;

    public IReadOnlyList<ISettingsUpload> Uploads { get; } = [.. uploads];

    public bool CanExport => exports.Any();

    /// <summary>Field name → the text shown in it (never a secret).</summary>
    public Dictionary<string, string?> Values { get; private set; } = [];

    public HashSet<string> StoredSecrets { get; private set; } = [];

    /// <summary>Upload → its stored value, for the ones that have one.</summary>
    public Dictionary<ISettingsUpload, string> Uploaded { get; } = [];

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashIsError { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Values = await editor.LoadAsync(cancellationToken);
        await LoadStateAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var typed = Sections.SelectMany(s => s.Fields).ToDictionary(f => f.Name, f => (string?)Request.Form["Form." + f.Name].ToString());
        foreach (var (field, message) in editor.Problems(typed))
        {
            ModelState.AddModelError(field.Length == 0 ? "" : "Form." + field, message);
        }

        if (!ModelState.IsValid)
        {
            // Whatever was typed into a secret field is not sent back: the page never holds a secret.
            Values = Sections.SelectMany(s => s.Fields).Where(f => f.Input != SettingInput.Secret).ToDictionary(f => f.Name, f => typed[f.Name]);
            await LoadStateAsync(cancellationToken);
            return Page();
        }

        var changed = await editor.SaveAsync(typed, cancellationToken);
        Flash = changed.Count == 0 ? "Nothing changed." : $"Saved: {string.Join(", ", changed)}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLogoAsync(IFormFile? logo, CancellationToken cancellationToken)
    {
        if (Uploads.FirstOrDefault() is not { } upload)
        {
            return NotFound();
        }

        string? problem;
        if (logo is null)
        {
            problem = "Choose an image file to upload.";
        }
        else
        {
            await using var content = logo.OpenReadStream();
            problem = await editor.UploadAsync(upload, content, logo.Length, logo.FileName, cancellationToken);
        }

        (Flash, FlashIsError) = problem is null ? ($"The new {upload.Title.ToLowerInvariant()} is saved.", false) : (problem, true);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        if (exports.FirstOrDefault() is not { } export)
        {
            return NotFound();
        }

        var (zip, problem) = await export.ExportZipAsync(cancellationToken);
        if (zip is null)
        {
            (Flash, FlashIsError) = (problem, true);
            return RedirectToPage();
        }

        audit.Record("recipe.exported", "site", $"{zip.Length} bytes");
        await db.SaveChangesAsync(cancellationToken);
        return File(zip, "application/zip", $"storefront-recipe-{time.GetUtcNow():yyyyMMdd-HHmm}.zip");
    }

    /// <summary>For a field the environment decides, its value there (not a secret) and that it wins; otherwise which key would.</summary>
    public string State(SettingField field) => layers.EnvironmentValue(field.ConfigurationKey) is { } value
        ? $"set by the environment ({field.EnvironmentKey} = {value}), which wins"
        : $"used unless {field.EnvironmentKey} is set in the environment";

    public string SecretState(SettingField field) => layers.SetByEnvironment(field.ConfigurationKey) ? "set by the environment"
        : StoredSecrets.Contains(field.ConfigurationKey) ? "set" : "not set";

    public string? Error(SettingField field) => ModelState["Form." + field.Name]?.Errors.FirstOrDefault()?.ErrorMessage;

    private async Task LoadStateAsync(CancellationToken cancellationToken)
    {
        StoredSecrets = await editor.StoredSecretsAsync(cancellationToken);
        foreach (var upload in Uploads)
        {
            if (await store.GetStoredAsync(upload.ConfigurationKey, cancellationToken) is { Length: > 0 } value)
            {
                Uploaded[upload] = value;
            }
        }
    }
}
