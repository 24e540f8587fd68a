using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Storefront.Core.Display;
using Storefront.Core.Modules;
using Storefront.Core.Security;
using Storefront.Core.Settings;
using Storefront.Email;
using Storefront.Operations.Settings;
using Storefront.Payments.Stripe;

[assembly: Module("Operations", Description = "Site settings and recipe export.",
    Dependencies = ["Core", "Media", "Catalog", "Payments", "Email", "Users"])]

namespace Storefront.Operations;

public sealed class OperationsStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddSingleton<SecretSettings>();
        services.AddSingleton<EnvironmentSettings>();
        services.AddScoped<SiteSettingsEditor>();
        services.AddSingleton<EmailSettingsCheck>();
        // Settings typed into the admin fill in only what configuration (the environment) leaves empty, and
        // apply without a restart: the options are rebuilt whenever the stored values change.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StoredConfiguration>();
        services.AddSingleton<IStoredConfiguration>(provider => provider.GetRequiredService<StoredConfiguration>());
        services.AddHostedService<StoredConfigurationPoller>();
        services.AddSingleton<IPostConfigureOptions<StripeOptions>, StoredStripeOptions>();
        services.AddSingleton<IPostConfigureOptions<EmailOptions>, StoredEmailOptions>();
        services.AddSingleton<IOptionsChangeTokenSource<StripeOptions>, StoredConfigurationChangeSource<StripeOptions>>();
        services.AddSingleton<IOptionsChangeTokenSource<EmailOptions>, StoredConfigurationChangeSource<EmailOptions>>();
        services.AddSingleton(new AdminMenuItem("Settings", "/admin/settings", nameof(AdminPermissions.ManageSettings), 90));
    }
}
