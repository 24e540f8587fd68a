using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Modules;
using Storefront.Core.Themes;

[assembly: Module("StorefrontTheme", Description = "The buyer-facing theme.", Dependencies = ["Core"])]

namespace Storefront.Themes.Storefront;

public sealed class ThemeStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddSingleton<ThemeAssets>();
        // The base theme: its layout is the shared /Pages/Shared/_Layout.cshtml other themes fall back to.
        services.AddStorefrontTheme(new ThemeDescriptor(ThemeCatalog.DefaultThemeName,
            "Bright and modern: system sans-serif type, product cards in a grid, rounded buttons."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => ThemeAssets.Map(endpoints);
}
