using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Storefront.Core.Audit;
using Storefront.Core.Caching;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Core.Events;
using Storefront.Core.Modules;
using Storefront.Core.Outbox;
using Storefront.Core.Recipes;
using Storefront.Core.Security;
using Storefront.Core.Settings;
using Storefront.Core.Templates;
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
            .Validate(o => !context.Environment.IsProduction() || o.ConfiguredOrigin is not null,
                "Site:BaseUrl (env Site__BaseUrl) must be set in Production: the shop's public address, such as https://shop.example.com; every link it sends and every host it answers follows from it.")
            .ValidateOnStart();
        services.AddOptions<SellerOptions>().Bind(context.Configuration.GetSection("Seller"));
        services.AddScoped<SiteSettingsStore>();
        services.AddSingleton<SecretSettings>();
        services.AddSingleton<ConfigurationLayers>();
        services.AddSingleton<ISettingsSection, SiteSettingsSection>();
        services.AddSingleton<ISettingsSection, SellerSettingsSection>();
        services.AddSingleton<StoredSettingsRefresher>();
        services.AddHostedService(provider => provider.GetRequiredService<StoredSettingsRefresher>());
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, StoredSettingsSaveInterceptor>();
        services.AddSingleton<PageZones>();
        services.AddScoped<DomainEvents>();
        services.AddStorefrontThemes();
        services.AddHttpContextAccessor();
        services.AddSingleton<IEntityModelContributor, AuditModel>();
        services.AddSingleton<IDataMigration, AuditMigrations>();
        services.AddScoped<AuditLog>();
        services.AddScoped<Privacy.PersonalDataErasure>();
        services.AddScoped<Privacy.IPersonalDataEraser, OutboxEraser>();
        services.AddScoped<Privacy.IPersonalDataEraser, AuditEraser>();
        services.AddScoped<IRecipeStep, SettingsRecipeStep>();
        services.AddOptions<RecipeOptions>().Bind(context.Configuration.GetSection("Recipes"))
            .Validate(o => o.MaxFileMegabytes > 0, "Recipes:MaxFileMegabytes (env Recipes__MaxFileMegabytes) must be a positive number of megabytes.")
            .ValidateOnStart();
        services.AddScoped<RecipeImporter>();
        services.AddScoped<IRecipeExportStep, SettingsExportStep>();
        services.AddScoped<RecipeExporter>();
        services.AddScoped<ISiteExport, RecipeExportDownload>();
        services.AddOutbox(context.Configuration);
        services.AddLeases();
        services.AddPageCache();
        // The Templates module replaces it with editor-saved Liquid; without that module every template is the built-in.
        services.AddScoped<ITemplateRenderer, BuiltInTemplates>();
    }
}
