using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Core.Security;

namespace Storefront.Users.Security;

/// <summary>Satisfied when one of the user's roles is granted the permission; administrators hold them all.</summary>
public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

/// <summary>
/// Reads the grants as they are in the database for this request (through the request's own
/// <see cref="RolePermissions"/>), so a grant or a revocation applies to users who are already signed in,
/// on every instance. The user's roles come from the cookie and are refreshed by the security stamp check.
/// A singleton itself: the host and the framework may resolve authorization services from the root provider.
/// </summary>
internal sealed class PermissionHandler(IHttpContextAccessor http, IServiceScopeFactory scopes) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return;
        }

        if (user.IsInRole(AdminRoles.Administrator) || await GrantedAsync(user, requirement.Permission.Name))
        {
            context.Succeed(requirement);
        }
    }

    private async Task<bool> GrantedAsync(System.Security.Claims.ClaimsPrincipal user, string permission)
    {
        if (http.HttpContext?.RequestServices is { } requestServices)
        {
            return Granted(await requestServices.GetRequiredService<RolePermissions>().ListAsync(http.HttpContext.RequestAborted));
        }

        await using var scope = scopes.CreateAsyncScope();
        return Granted(await scope.ServiceProvider.GetRequiredService<RolePermissions>().ListAsync());

        bool Granted(IReadOnlyList<RoleGrant> roles) => roles.Any(role => role.Permissions.Contains(permission) && user.IsInRole(role.Name));
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
