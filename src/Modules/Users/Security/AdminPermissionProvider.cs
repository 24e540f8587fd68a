using Storefront.Core.Security;

namespace Storefront.Users.Security;

/// <summary>The admin's built-in permissions. By default editors look after the catalogue and its media, nothing else.</summary>
internal sealed class AdminPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions => AdminPermissions.All;

    public IEnumerable<(string Role, Permission Permission)> DefaultGrants =>
    [
        (AdminRoles.Editor, AdminPermissions.ManageContent),
        (AdminRoles.Editor, AdminPermissions.ManageMedia),
    ];
}
