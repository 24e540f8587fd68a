using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Security;
using Storefront.Users.Security;

namespace Storefront.Users.Pages.Admin.Roles;

/// <summary><c>/admin/roles/{name}</c>: a role's permissions as checkboxes, grouped by module; the Administrator's read-only.</summary>
[Authorize(Policy = AdminPermissions.Names.ManageUsers)]
public sealed class EditModel(RolePermissions roles, RolePermissionsEditor editor, PermissionCatalog catalog) : PageModel
{
    public RoleGrant Role { get; private set; } = null!;

    public IReadOnlyList<PermissionGroup> Groups => catalog.Groups;

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken)
    {
        if (await roles.FindAsync(name, cancellationToken) is not { } role)
        {
            return NotFound();
        }

        Role = role;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string name, string[]? permissions, string? stamp, CancellationToken cancellationToken)
    {
        if (await roles.FindAsync(name, cancellationToken) is not { } role)
        {
            return NotFound();
        }

        var result = await editor.SaveAsync(role.Name, permissions ?? [], stamp, cancellationToken);
        if (result.Refused)
        {
            Error = result.Message;
        }
        else
        {
            Message = result.Message;
        }

        return RedirectToPage(new { name = role.Name });
    }
}
