using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Admin.Endpoints;
using Storefront.Admin.Services;
using Storefront.Core.Display;
using Storefront.Core.Modules;
using Storefront.Core.Security;

[assembly: Module("Admin", Description = "The CMS admin's products, pages and media library.",
    Dependencies = ["Core", "Media", "Catalog", "Users"])]

namespace Storefront.Admin;

public sealed class AdminStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddSingleton(new AdminMenuItem("Products", "/admin/products", AdminPermissions.ManageContent.Name, 10));
        services.AddSingleton(new AdminMenuItem("Pages", "/admin/pages", AdminPermissions.ManageContent.Name, 20));
        services.AddSingleton(new AdminMenuItem("Media", "/admin/media", AdminPermissions.ManageMedia.Name, 30));
        services.AddScoped<ProductEditor>();
        services.AddScoped<MasterUploads>();
        services.AddScoped<ContentUsage>();
        services.AddSingleton(new AdminMenuItem("Settings", "/admin/settings", AdminPermissions.ManageSettings.Name, 90));
        services.AddScoped<Settings.SettingsEditor>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapAdminContentEndpoints();
}
