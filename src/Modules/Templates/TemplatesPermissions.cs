using Storefront.Core.Security;

namespace Storefront.Templates;

/// <summary>The templates permission. Its name is what saved role grants hold, so it never changes.</summary>
public sealed class TemplatesPermissions : IPermissionProvider
{
    public static readonly Permission ManageTemplates = new(nameof(ManageTemplates),
        "Change the Liquid templates of storefront sections and emails, preview them, and restore earlier versions.", "Templates");

    public IEnumerable<Permission> Permissions => [ManageTemplates];

    // A template reaches every buyer's inbox: it stays with administrators unless a role is given it on purpose.
    public IEnumerable<(string Role, Permission Permission)> DefaultGrants => [];
}
