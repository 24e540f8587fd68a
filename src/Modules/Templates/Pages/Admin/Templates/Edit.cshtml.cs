using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Templates;
using Storefront.Templates.Data;
using Storefront.Templates.Rendering;

namespace Storefront.Templates.Pages.Admin.Templates;

/// <summary>
/// <c>/admin/templates/{name}</c>: edit a template, preview it against sample data without saving, and restore any
/// earlier version or the built-in. A template that does not parse is refused with the line and column, and the typed
/// text stays in the form.
/// </summary>
[Authorize(Policy = nameof(TemplatesPermissions.ManageTemplates))]
public sealed class EditModel(LiquidSandbox sandbox, TemplateStore store, IServiceProvider services) : PageModel
{
    [BindProperty]
    public string? Body { get; set; }

    public TemplateDefinition Definition { get; private set; } = null!;

    public IReadOnlyList<TemplateVersion> History { get; private set; } = [];

    public TemplateVersion? Current => History.Count > 0 ? History[0] : null;

    /// <summary>The preview's output, when Preview was asked for and the template rendered.</summary>
    public string? PreviewOutput { get; private set; }

    public string? PreviewProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(name, cancellationToken))
        {
            return NotFound();
        }

        Body = Current?.Body ?? Definition.Starter;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string name, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(name, cancellationToken))
        {
            return NotFound();
        }

        if (Parsed("The template was not saved.") is null)
        {
            return Page();
        }

        return await StageAsync(name, Body, "Saved", "Saved: this template is in use now.", cancellationToken);
    }

    public async Task<IActionResult> OnPostPreviewAsync(string name, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(name, cancellationToken))
        {
            return NotFound();
        }

        if (Parsed("The template cannot be previewed.") is not { } template)
        {
            return Page();
        }

        try
        {
            var sample = await Definition.Sample(services, cancellationToken);
            PreviewOutput = await sandbox.RenderAsync(Definition, template, sample, cancellationToken);
        }
        catch (TemplateRenderException ex)
        {
            PreviewProblem = $"The template parses but fails while rendering: {ex.Message}. Saved like this, the built-in would be used instead.";
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(string name, int version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(name, cancellationToken))
        {
            return NotFound();
        }

        if (await store.FindAsync(name, version, cancellationToken) is not { } earlier)
        {
            TempData["FlashError"] = $"There is no version {version} of this template.";
            return Redirect(Url());
        }

        return await StageAsync(name, earlier.Body, $"Restored version {version}", $"Version {version} is in use again.", cancellationToken);
    }

    public async Task<IActionResult> OnPostResetAsync(string name, CancellationToken cancellationToken) =>
        !await LoadAsync(name, cancellationToken)
            ? NotFound()
            : await StageAsync(name, null, "Reset to the built-in", "The built-in is in use again; the saved versions stay in the history.", cancellationToken);

    private async Task<IActionResult> StageAsync(string name, string? body, string note, string done, CancellationToken cancellationToken)
    {
        try
        {
            var changed = await store.StageAsync(name, body, note, User.Identity?.Name ?? "unknown", cancellationToken);
            await store.SaveAsync(cancellationToken);
            TempData["Flash"] = changed ? done : "Nothing changed: that is the version in use.";
            return Redirect(Url());
        }
        catch (DbUpdateException)
        {
            // The unique version number: another editor saved this template between our read and our write.
            ModelState.AddModelError(nameof(Body), "Someone else saved this template at the same moment. Your text is still here: look at the history, then save again.");
            History = await store.HistoryAsync(name, cancellationToken);
            return Page();
        }
    }

    /// <summary>The typed template parsed, or null after putting the reason on the form.</summary>
    private Fluid.IFluidTemplate? Parsed(string refused)
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            ModelState.AddModelError(nameof(Body), "Type a template, or use “Reset to the built-in” to go back to the shop's own.");
            return null;
        }

        if (!sandbox.TryParse(Body, out var template, out var problem))
        {
            ModelState.AddModelError(nameof(Body), $"{refused} {problem}");
            return null;
        }

        return template;
    }

    private async Task<bool> LoadAsync(string name, CancellationToken cancellationToken)
    {
        if (sandbox.Find(name) is not { } definition)
        {
            return false;
        }

        Definition = definition;
        History = await store.HistoryAsync(name, cancellationToken);
        return true;
    }

    private new string Url() => $"/admin/templates/{Definition.Name}";
}
