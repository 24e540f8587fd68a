using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Security;
using Storefront.Users.Models;
using Storefront.Users.Services;

namespace Storefront.Users.Pages.Admin.Users;

/// <summary><c>/admin/users</c>: who can sign in, in which role; change a role or remove a user.</summary>
[Authorize(Policy = AdminPermissions.Names.ManageUsers)]
public sealed class IndexModel(UserAccounts accounts, UserManager<StorefrontUser> users) : PageModel
{
    public IReadOnlyList<UserSummary> Users { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public Guid CurrentUserId => Guid.TryParse(users.GetUserId(User), out var id) ? id : Guid.Empty;

    public async Task OnGetAsync() => Users = await accounts.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostRoleAsync(Guid id, string? role)
    {
        var error = await accounts.ChangeRoleAsync(id, role ?? "");
        return Done(error, $"Role changed to {role}.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id)
    {
        var error = await accounts.RemoveAsync(id, CurrentUserId);
        return Done(error, "User removed.");
    }

    private RedirectToPageResult Done(string? error, string success)
    {
        Error = error;
        Message = error is null ? success : null;
        return RedirectToPage();
    }
}
