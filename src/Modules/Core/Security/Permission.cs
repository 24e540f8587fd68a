namespace Storefront.Core.Security;

/// <summary>
/// Something a signed-in user may be allowed to do. The name is also the authorization policy's
/// name, so a page asks for <c>[Authorize(Policy = "ManageOrders")]</c> and nothing else.
/// <paramref name="Module"/> groups it on the roles screen; left out, it is the declaring provider's module.
/// </summary>
public sealed record Permission(string Name, string Description, string? Module = null);

/// <summary>
/// A module declares its permissions, and which built-in roles get each by default, through one of
/// these (registered as a singleton). Administrators hold every permission whatever the grants say.
/// The default grants apply to a role until an administrator saves its permissions on the roles screen.
/// </summary>
public interface IPermissionProvider
{
    IEnumerable<Permission> Permissions { get; }

    IEnumerable<(string Role, Permission Permission)> DefaultGrants { get; }
}
