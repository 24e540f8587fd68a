using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Storefront.Core.Security;

namespace Storefront.Users.Security;

/// <summary>Satisfied when one of the user's roles is granted the permission; administrators hold them all.</summary>
public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

/// <summary>
/// Scoped, so it reads the grants as they are in the database for this request: a grant or a revocation
/// applies to users who are already signed in, on every instance. The user's roles come from the cookie
/// and are refreshed by the security stamp check.
/// </summary>
internal sealed class PermissionHandler(RolePermissions grants) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return;
        }

        if (user.IsInRole(AdminRoles.Administrator)
            || (await grants.ListAsync()).Any(role => role.Permissions.Contains(requirement.Permission.Name) && user.IsInRole(role.Name)))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>
/// One policy per declared permission, named after it, plus <see cref="AdminPermissions.AdminArea"/>.
/// Built from every module's providers, so a page only names the permission it needs.
/// </summary>
internal sealed class PermissionPolicies(PermissionCatalog catalog) : IConfigureOptions<AuthorizationOptions>
{
    public void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(AdminPermissions.AdminArea, policy => policy.RequireAuthenticatedUser().RequireRole(AdminRoles.All));
        foreach (var permission in catalog.All)
        {
            options.AddPolicy(permission.Name, policy => policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        }
    }
}
