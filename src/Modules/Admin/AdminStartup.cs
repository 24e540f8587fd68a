using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Admin.Endpoints;
using Storefront.Admin.Security;
using Storefront.Admin.Services;
using Storefront.Core.Display;
using Storefront.Core.Modules;
using Storefront.Core.Security;

[assembly: Module("Admin", Description = "The admin shell (dashboard of module panels, audit log) and the products, pages and media library screens.",
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
        services.AddSingleton<IPermissionProvider, AdminShellPermissions>();
        services.AddSingleton(new AdminMenuItem("Audit log", "/admin/audit", AdminPermissions.Names.ViewAuditLog, 80));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapAdminContentEndpoints();
}
