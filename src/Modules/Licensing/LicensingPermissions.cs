using Storefront.Core.Security;

namespace Storefront.Licensing;

/// <summary>The licensing permission. Its name is what saved role grants hold, so it never changes.</summary>
public sealed class LicensingPermissions : IPermissionProvider
{
    public static readonly Permission ManageLicenses = new(nameof(ManageLicenses),
        "Choose which products issue licence keys and how many activations each allows, and revoke issued keys.", "Licence keys");

    public IEnumerable<Permission> Permissions => [ManageLicenses];

    // Revoking a key cuts a paying buyer off: it stays with administrators unless a role is given it on purpose.
    public IEnumerable<(string Role, Permission Permission)> DefaultGrants => [];
}
