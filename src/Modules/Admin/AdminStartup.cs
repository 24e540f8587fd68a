using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;
using Storefront.Admin.Metrics;
using Storefront.Admin.Security;
using Storefront.Core.Display;
using Storefront.Core.Modules;
using Storefront.Core.Security;

[assembly: Module("Admin", Description = "The CMS admin's shell: the dashboard of module panels, the audit log and the metrics; every module adds its screens and menu entries to it.",
    Dependencies = ["Core", "Users"])]

namespace Storefront.Admin;

public sealed class AdminStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddSingleton<IPermissionProvider, AdminShellPermissions>();
        services.AddSingleton(new AdminMenuItem("Audit log", "/admin/audit", AdminPermissions.Names.ViewAuditLog, 80));
        services.AddSingleton(new AdminMenuItem("Settings", "/admin/settings", AdminPermissions.ManageSettings.Name, 90));
        services.AddScoped<Settings.SettingsEditor>();
        services.AddSingleton<IPermissionProvider, Privacy.PrivacyPermissions>();
        services.AddSingleton(new AdminMenuItem("Privacy", "/admin/privacy", nameof(Privacy.PrivacyPermissions.ErasePersonalData), 85));
        services.AddMetricsEndpoint();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapMetricsEndpoint();
}
