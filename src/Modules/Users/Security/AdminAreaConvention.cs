using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Storefront.Core.Modules;
using Storefront.Core.Security;

namespace Storefront.Users.Security;

/// <summary>
/// Every Razor page whose route is under <c>/admin</c>, in any module, needs a signed-in admin unless it
/// opts out with <c>[AllowAnonymous]</c> (sign-in, setup, password reset): a new admin page is
/// protected without anyone having to remember it.
/// </summary>
internal sealed class AdminAreaConvention : IPageEndpointConvention
{
    public void Apply(EndpointBuilder endpoint)
    {
        if (endpoint is RouteEndpointBuilder route && IsAdmin(route.RoutePattern.RawText))
        {
            endpoint.Metadata.Add(new AuthorizeAttribute(AdminPermissions.AdminArea));
        }
    }

    public static bool IsAdmin(string? pattern)
    {
        var path = "/" + (pattern ?? "").TrimStart('/');
        return path.Equals("/admin", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase);
    }
}
