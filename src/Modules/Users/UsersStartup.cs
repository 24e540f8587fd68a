using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Core.Modules;
using Storefront.Core.Outbox;
using Storefront.Core.Security;
using Storefront.Users.Data;
using Storefront.Users.Security;
using Storefront.Users.Services;

[assembly: Module("Users", Description = "Admin users: sign-in, two-factor, password reset, roles and permissions.",
    Dependencies = ["Core", "Email", "AdminTheme"])]

namespace Storefront.Users;

public sealed class UsersStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddSingleton<IEntityModelContributor, UsersModel>();
        services.AddSingleton<IDataMigration, UsersMigrations>();
        services.AddStorefrontIdentity(context);
        services.AddSingleton<IPermissionProvider, AdminPermissionProvider>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<IOutboxHandler, AccountLinkHandler>();
        foreach (var template in AccountTemplates.All)
        {
            services.AddSingleton(template);
        }

        services.AddSingleton(new AdminMenuItem("Users", "/admin/users", AdminPermissions.ManageUsers.Name, Order: 900));
        // Choosing what a role may do is as powerful as choosing someone's role, so the same permission guards both.
        services.AddSingleton(new AdminMenuItem("Roles", "/admin/roles", AdminPermissions.ManageUsers.Name, Order: 910));
        services.AddSingleton<IPageEndpointConvention, AdminAreaConvention>();
    }
}
