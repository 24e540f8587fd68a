using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Core.Modules;
using Storefront.Core.Outbox;
using Storefront.Core.Recipes;
using Storefront.Core.Security;
using Storefront.Core.Settings;
using Storefront.Core.Themes;

[assembly: Module("Core", Description = "Module contract, data context, migrations, recipes and site settings.")]

namespace Storefront.Core;

public sealed class CoreStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        // One clock for every module, so tests and the gate agree on "now"; modules that need it may register it too.
        services.TryAddSingleton(TimeProvider.System);
        services.AddStorefrontData(context.Configuration);
        services.AddDatabaseDataProtection();
        services.AddSingleton<IDataMigration, CoreMigrations>();
        services.AddSingleton<IEntityModelContributor, SettingsModel>();
        services.AddOptions<SiteOptions>().Bind(context.Configuration.GetSection("Site"))
            .Validate(o => o.IsValid, "Site:BaseUrl (env Site__BaseUrl) must be an absolute http(s) URL such as https://shop.example.com.")
            .ValidateOnStart();
        services.AddScoped<SiteSettingsStore>();
        services.AddSingleton<PageZones>();
        services.AddStorefrontThemes();
        services.AddHttpContextAccessor();
        services.AddSingleton<IEntityModelContributor, AuditModel>();
        services.AddSingleton<IDataMigration, AuditMigrations>();
        services.AddScoped<AuditLog>();
        services.AddScoped<IRecipeStep, SettingsRecipeStep>();
        services.AddScoped<RecipeImporter>();
        services.AddSingleton<IEntityModelContributor, OutboxModel>();
        services.AddSingleton<IDataMigration, OutboxMigrations>();
        services.AddOptions<OutboxOptions>().Bind(context.Configuration.GetSection("Outbox"));
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<Outbox.Outbox>();
        services.AddSingleton<OutboxProcessor>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxProcessor>());
    }
}
