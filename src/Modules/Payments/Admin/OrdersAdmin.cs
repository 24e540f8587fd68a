using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Core.Display;
using Storefront.Core.Security;
using Storefront.Payments.Dashboard;

namespace Storefront.Payments.Admin;

public static class OrdersAdmin
{
    /// <summary>The owner's side of Payments: the orders screens, their permissions and menu entries, and the sales panel.</summary>
    public static IServiceCollection AddOrdersAdmin(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPermissionProvider, PaymentsPermissionProvider>();
        services.AddScoped<OrderSearch>();
        services.AddScoped<OrderActions>();
        services.AddScoped<Refunds.RefundIssuer>();
        services.AddScoped<DashboardFigures>();
        // The sales figures are the dashboard's point for whoever may see orders, hence its own menu entry.
        services.AddSingleton(new AdminMenuItem("Dashboard", "/admin", PaymentsPermissions.Names.ViewOrders, 0));
        services.AddSingleton(new AdminMenuItem("Orders", "/admin/orders", PaymentsPermissions.Names.ViewOrders, 10));
        services.AddSingleton(new DashboardWidget("Sales", "_DashboardSales", PaymentsPermissions.Names.ViewOrders, Order: 10));
        return services;
    }
}
