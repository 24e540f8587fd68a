using System.Net.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Admin.Privacy;
using Storefront.Core.Privacy;

namespace Storefront.Admin.Pages.Admin.Privacy;

/// <summary>
/// <c>/admin/privacy</c>: a buyer asks to be forgotten. The admin finds the buyer by email, sees what each module holds,
/// then confirms; the erasure replaces the data everywhere in one transaction and is audited.
/// </summary>
[Authorize(Policy = nameof(PrivacyPermissions.ErasePersonalData))]
public sealed class IndexModel(PersonalDataErasure erasure) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    public IReadOnlyList<PersonalDataCount>? Found { get; private set; }

    public (ErasedBuyer Placeholder, IReadOnlyList<PersonalDataCount> Erased)? Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (Valid())
        {
            Found = await erasure.PreviewAsync(Email!, cancellationToken);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken cancellationToken)
    {
        if (!Valid())
        {
            return Page();
        }
        if (!Confirmed)
        {
            ModelState.AddModelError(nameof(Confirmed), "Tick the box to confirm the erasure: it cannot be undone.");
            Found = await erasure.PreviewAsync(Email!, cancellationToken);
            return Page();
        }
        Done = await erasure.EraseAsync(Email!, cancellationToken);
        return Page();
    }

    private bool Valid()
    {
        Email = Email?.Trim();
        if (string.IsNullOrEmpty(Email) || !MailAddress.TryCreate(Email, out var parsed) || parsed.Address != Email)
        {
            ModelState.AddModelError(nameof(Email), "Enter the buyer's email address, such as buyer@example.com.");
            return false;
        }
        return true;
    }
}
