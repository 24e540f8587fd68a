using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Storefront.Core.Security;

namespace Storefront.Users.Security;

/// <summary>Satisfied when one of the user's roles is granted the permission; administrators hold them all.</summary>
public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

internal sealed class PermissionHandler(IEnumerable<IPermissionProvider> providers) : AuthorizationHandler<PermissionRequirement>
{
    private readonly ILookup<string, string> rolesByPermission = providers.SelectMany(p => p.DefaultGrants)
        .ToLookup(g => g.Permission.Name, g => g.Role, StringComparer.Ordinal);

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true
            && (user.IsInRole(AdminRoles.Administrator) || rolesByPermission[requirement.Permission.Name].Any(user.IsInRole)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// One policy per declared permission, named after it, plus <see cref="AdminPermissions.AdminArea"/>.
/// Built from every module's providers, so a page only names the permission it needs.
/// </summary>
internal sealed class PermissionPolicies(IEnumerable<IPermissionProvider> providers) : IConfigureOptions<AuthorizationOptions>
{
    public void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(AdminPermissions.AdminArea, policy => policy.RequireAuthenticatedUser().RequireRole(AdminRoles.All));
        foreach (var permission in providers.SelectMany(p => p.Permissions).DistinctBy(p => p.Name))
        {
            options.AddPolicy(permission.Name, policy => policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        }
    }
}
