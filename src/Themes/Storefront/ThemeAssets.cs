using Microsoft.AspNetCore.Routing;
using Storefront.Core.Display;

namespace Storefront.Themes.Storefront;

/// <summary>The storefront theme's assets under <c>/theme/{file}</c>.</summary>
public sealed class ThemeAssets() : EmbeddedAssets(typeof(ThemeAssets).Assembly, "theme/", RoutePrefix)
{
    public const string RoutePrefix = "/theme/";

    public static void Map(IEndpointRouteBuilder endpoints) => Map<ThemeAssets>(endpoints, RoutePrefix);
}
