using Microsoft.AspNetCore.Routing;
using Storefront.Core.Display;

namespace Storefront.Themes.Admin;

/// <summary>The admin theme's assets under <c>/admin/theme/{file}</c>.</summary>
public sealed class AdminThemeAssets() : EmbeddedAssets(typeof(AdminThemeAssets).Assembly, "admin-theme/", RoutePrefix)
{
    public const string RoutePrefix = "/admin/theme/";

    public static void Map(IEndpointRouteBuilder endpoints) => Map<AdminThemeAssets>(endpoints, RoutePrefix);
}
