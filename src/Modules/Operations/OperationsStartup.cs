using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Storefront.Core.Display;
using Storefront.Core.Modules;
using Storefront.Core.Security;
using Storefront.Core.Settings;
using Storefront.Email;
using Storefront.Operations.Dashboard;
using Storefront.Operations.Export;
using Storefront.Operations.Orders;
using Storefront.Operations.Settings;
using Storefront.Payments.Stripe;

[assembly: Module("Operations", Description = "Orders and downloads, the dashboard, the audit log, site settings and recipe export.",
    Dependencies = ["Core", "Catalog", "Payments", "Downloads", "Users"])]

namespace Storefront.Operations;

public sealed class OperationsStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddScoped<OrderSearch>();
        services.AddScoped<OrderActions>();
        services.AddScoped<DashboardFigures>();
        services.AddScoped<RecipeExporter>();
        services.AddScoped<Storefront.Core.Settings.ISiteExport, RecipeExportDownload>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new AdminMenuItem("Dashboard", "/admin", nameof(AdminPermissions.ViewOrders), 0));
        services.AddSingleton(new AdminMenuItem("Orders", "/admin/orders", nameof(AdminPermissions.ViewOrders), 10));
        services.AddSingleton(new AdminMenuItem("Audit log", "/admin/audit", nameof(AdminPermissions.ViewAuditLog), 80));
    }
}
