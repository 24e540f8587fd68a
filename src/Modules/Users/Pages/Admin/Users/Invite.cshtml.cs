using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Storefront.Core.Security;
using Storefront.Core.Settings;
using Storefront.Users.Services;

namespace Storefront.Users.Pages.Admin.Users;

/// <summary><c>/admin/users/invite</c>: creates a user without a password and emails them a link to choose one.</summary>
[Authorize(Policy = AdminPermissions.Names.ManageUsers)]
public sealed class InviteModel(UserAccounts accounts, AccountEmails emails, IOptions<SiteOptions> site) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    [BindProperty]
    public string Role { get; set; } = AdminRoles.Editor;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await accounts.CreateAsync(Email, password: null, Role);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        await emails.QueueResetLinkAsync(result.User!.Email!, site.Value.OriginFor(Request), invitation: true, HttpContext.RequestAborted);
        TempData["Message"] = $"Invitation sent to {result.User!.Email}. They choose their own password from the link.";
        return RedirectToPage("Index");
    }
}
