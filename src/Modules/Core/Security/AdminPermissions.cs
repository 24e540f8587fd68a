namespace Storefront.Core.Security;

/// <summary>
/// The admin's permissions. They live in Core so any module's admin screens can name them without
/// referencing the Users module, which turns each into an authorization policy of the same name.
/// </summary>
public static class AdminPermissions
{
    /// <summary>Policy for the admin area itself: any signed-in user who holds a role.</summary>
    public const string AdminArea = "AdminArea";


    public static readonly Permission ManageSettings = new(Names.ManageSettings, "Change the shop's settings and secrets, and export the recipe.", "Settings");

    public static readonly Permission ManageUsers = new(Names.ManageUsers,
        "Invite, remove and change the role of admin users, and choose what each role may do. Whoever holds it can make themselves an administrator.",
        "Users");

    public static readonly Permission ViewAuditLog = new(Names.ViewAuditLog, "Read the audit log.", "Audit log");

    public static readonly Permission ViewMetrics = new(Names.ViewMetrics,
        "Read the operational metrics at /metrics (request rates and latencies, outbox, runtime).", "Metrics");

    /// <summary>The same names as constants, for attributes: <c>[Authorize(Policy = AdminPermissions.Names.ManageContent)]</c>.</summary>
    public static class Names
    {
        public const string ManageSettings = "ManageSettings";
        public const string ManageUsers = "ManageUsers";
        public const string ViewAuditLog = "ViewAuditLog";
        public const string ViewMetrics = "ViewMetrics";
    }

    public static IReadOnlyList<Permission> All { get; } =
        [ManageSettings, ManageUsers];
}

/// <summary>The built-in roles. Administrators hold every permission; editors look after the catalogue.</summary>
public static class AdminRoles
{
    public const string Administrator = "Administrator";

    public const string Editor = "Editor";

    public static IReadOnlyList<string> All { get; } = [Administrator, Editor];
}
