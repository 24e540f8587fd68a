using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Modules;

[assembly: Module("StorefrontTheme", Description = "The buyer-facing theme.", Dependencies = ["Core"])]

namespace Storefront.Themes.Storefront;

public sealed class ThemeStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context) => services.AddSingleton<ThemeAssets>();

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => ThemeAssets.Map(endpoints);
}
