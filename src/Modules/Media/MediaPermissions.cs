using Storefront.Core.Security;

namespace Storefront.Media;

/// <summary>The media library's permission. Its name is what saved role grants hold, so it never changes.</summary>
public sealed class MediaPermissions : IPermissionProvider
{
    public static readonly Permission ManageMedia = new(nameof(ManageMedia), "Upload and delete media and product files.", "Content");

    public IEnumerable<Permission> Permissions => [ManageMedia];

    // Editors look after the catalogue, and a catalogue needs its images and files.
    public IEnumerable<(string Role, Permission Permission)> DefaultGrants => [(AdminRoles.Editor, ManageMedia)];
}
