using Storefront.Core.Security;

namespace Storefront.Admin.Security;

/// <summary>The admin shell's own screen: the audit log. Its name is stored in saved role grants, so it never changes.</summary>
internal sealed class AdminShellPermissions : IPermissionProvider
{
    public IEnumerable<Permission> Permissions => [AdminPermissions.ViewAuditLog];

    public IEnumerable<(string Role, Permission Permission)> DefaultGrants => [];
}
