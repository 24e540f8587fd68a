using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Modules;

[assembly: Module("AdminTheme", Description = "The admin's layout and styles.", Dependencies = ["Core"])]

namespace Storefront.Themes.Admin;

public sealed class AdminThemeStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context) => services.AddSingleton<AdminThemeAssets>();

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => AdminThemeAssets.Map(endpoints);
}
