using Storefront.Core.Security;

namespace Storefront.Catalog;

/// <summary>The catalogue's permission. Its name is what saved role grants hold, so it never changes.</summary>
public sealed class CatalogPermissions : IPermissionProvider
{
    public static readonly Permission ManageContent = new(nameof(ManageContent), "Create, edit, publish and delete products and pages.", "Content");

    /// <summary>Defining fields changes every product or page form, so it is the administrator's, not granted to editors.</summary>
    public static readonly Permission ManageContentFields = new(nameof(ManageContentFields), "Add, change and remove the fields products and pages carry.", "Content");

    public IEnumerable<Permission> Permissions => [ManageContent, ManageContentFields];

    // Looking after the catalogue is what the Editor role is for.
    public IEnumerable<(string Role, Permission Permission)> DefaultGrants => [(AdminRoles.Editor, ManageContent)];
}
