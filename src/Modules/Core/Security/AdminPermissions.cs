namespace Storefront.Core.Security;

/// <summary>
/// The admin's permissions. They live in Core so any module's admin screens can name them without
/// referencing the Users module, which turns each into an authorization policy of the same name.
/// </summary>
public static class AdminPermissions
{
    /// <summary>Policy for the admin area itself: any signed-in user who holds a role.</summary>
    public const string AdminArea = "AdminArea";

    public static readonly Permission ManageContent = new("ManageContent", "Create, edit, publish and delete products and pages.");

    public static readonly Permission ManageMedia = new("ManageMedia", "Upload and delete media and product files.");

    public static readonly Permission ViewOrders = new("ViewOrders", "See orders, buyers and downloads.");

    public static readonly Permission ManageOrders = new("ManageOrders", "Revoke or extend downloads and resend receipts.");

    public static readonly Permission ManageSettings = new("ManageSettings", "Change the shop's settings.");

    public static readonly Permission ManageUsers = new("ManageUsers", "Invite, remove and change the role of admin users.");

    public static readonly Permission ViewAuditLog = new("ViewAuditLog", "Read the audit log.");

    public static IReadOnlyList<Permission> All { get; } =
        [ManageContent, ManageMedia, ViewOrders, ManageOrders, ManageSettings, ManageUsers, ViewAuditLog];
}

/// <summary>The built-in roles. Administrators hold every permission; editors look after the catalogue.</summary>
public static class AdminRoles
{
    public const string Administrator = "Administrator";

    public const string Editor = "Editor";

    public static IReadOnlyList<string> All { get; } = [Administrator, Editor];
}
