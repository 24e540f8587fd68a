using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Security;
using Storefront.Users.Security;

namespace Storefront.Users.Pages.Admin.Roles;

/// <summary><c>/admin/roles</c>: each role and what it may do.</summary>
/// <remarks>
/// Guarded by <c>ManageUsers</c> rather than a permission of its own: whoever may change a user's role can
/// already make anyone an administrator, and whoever may change a role's grants can give themselves
/// everything, so a second permission would only be a second key to the same door.
/// </remarks>
[Authorize(Policy = AdminPermissions.Names.ManageUsers)]
public sealed class IndexModel(RolePermissions roles) : PageModel
{
    public IReadOnlyList<RoleGrant> Roles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Roles = await roles.ListAsync(cancellationToken);
}
