using Storefront.Core.Security;

namespace Storefront.Admin.Privacy;

/// <summary>The erasure permission. Its name is what saved role grants hold, so it never changes.</summary>
public sealed class PrivacyPermissions : IPermissionProvider
{
    public static readonly Permission ErasePersonalData = new(nameof(ErasePersonalData),
        "Find a buyer by email and erase their name, email and addresses from orders, downloads, licences and messages, for good.", "Privacy");

    public IEnumerable<Permission> Permissions => [ErasePersonalData];

    // Erasure cannot be undone: it stays with administrators unless a role is given it on purpose.
    public IEnumerable<(string Role, Permission Permission)> DefaultGrants => [];
}
