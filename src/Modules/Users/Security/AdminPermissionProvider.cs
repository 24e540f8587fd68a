using Storefront.Core.Security;

namespace Storefront.Users.Security;

/// <summary>The admin's built-in permissions. Editors get none of them by default: they look after the catalogue, whose modules grant theirs.</summary>
internal sealed class AdminPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions => AdminPermissions.All;

    public IEnumerable<(string Role, Permission Permission)> DefaultGrants => [];
}
