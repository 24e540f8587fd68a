using Storefront.Core.Security;

namespace Storefront.Admin.Security;

/// <summary>The admin shell's own screens: the audit log and the metrics. Its name is stored in saved role grants, so it never changes.</summary>
internal sealed class AdminShellPermissions : IPermissionProvider
{
    public IEnumerable<Permission> Permissions => [AdminPermissions.ViewAuditLog, AdminPermissions.ViewMetrics];

    public IEnumerable<(string Role, Permission Permission)> DefaultGrants => [];
}
