using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Licensing.Data;

namespace Storefront.Licensing.Pages.Admin.Licenses;

/// <summary>
/// <c>/admin/products/{id}/licenses</c>: whether the product issues licence keys and how many activations each allows,
/// and the keys it issued, each of which can be revoked.
/// </summary>
[Authorize(Policy = nameof(LicensingPermissions.ManageLicenses))]
public sealed class EditModel(ICatalogProducts catalog, LicenseTerms terms, StorefrontDbContext db) : PageModel
{
    /// <summary>The newest keys shown; older ones are still verified, only not listed.</summary>
    public const int Listed = 100;

    [BindProperty]
    public bool IssuesKeys { get; set; }

    [BindProperty]
    [Display(Name = "Activations per key")]
    public string? ActivationLimit { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ConfirmRevoke { get; set; }

    public ProductSnapshot Product { get; private set; } = null!;

    public IReadOnlyList<IssuedKeyRow> Keys { get; private set; } = [];

    public int IssuedCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var settings = await terms.ForAsync(id, cancellationToken);
        (IssuesKeys, ActivationLimit) = (settings.IssuesKeys, settings.ActivationLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!int.TryParse(ActivationLimit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit)
            || !LicenseSettings.IsValidLimit(limit))
        {
            ModelState.AddModelError(nameof(ActivationLimit),
                $"Enter how many instances one key may be activated on: a whole number from 1 to {LicenseSettings.MaxActivationLimit}.");
            return Page();
        }

        var changed = await terms.StageAsync(id, Product.Slug, new LicenseSettings(IssuesKeys, limit), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = !changed ? "Nothing changed."
            : IssuesKeys ? $"Each purchase of “{Product.Title}” now gets a licence key for {limit} activation{(limit == 1 ? "" : "s")}."
            : $"Purchases of “{Product.Title}” no longer get licence keys; keys already issued keep working.";
        return Redirect($"/admin/products/{id}/licenses");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid key, bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
        {
            return Redirect($"/admin/products/{id}/licenses?confirmRevoke={key}#key-{key}");
        }

        if (await terms.RevokeAsync(id, key, cancellationToken))
        {
            TempData["Flash"] = "The key was revoked: the software using it is refused from its next check.";
        }
        else
        {
            TempData["FlashError"] = "That key was already revoked, or is not one of this product's.";
        }

        return Redirect($"/admin/products/{id}/licenses");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(id, cancellationToken) is not { } product)
        {
            return false;
        }

        Product = product;
        Keys = await terms.IssuedAsync(id, Listed, cancellationToken);
        IssuedCount = await terms.CountIssuedAsync(id, cancellationToken);
        return true;
    }
}
