namespace Storefront.Core.Security;

/// <summary>
/// Something a signed-in user may be allowed to do. The name is also the authorization policy's
/// name, so a page asks for <c>[Authorize(Policy = "ManageOrders")]</c> and nothing else.
/// </summary>
public sealed record Permission(string Name, string Description);

/// <summary>
/// A module declares its permissions, and which built-in roles get each by default, through one of
/// these (registered as a singleton). Administrators hold every permission whatever the grants say.
/// </summary>
public interface IPermissionProvider
{
    IEnumerable<Permission> Permissions { get; }

    IEnumerable<(string Role, Permission Permission)> DefaultGrants { get; }
}
