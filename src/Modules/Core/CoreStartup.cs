using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Modules;
using Storefront.Core.Recipes;
using Storefront.Core.Settings;

[assembly: Module("Core", Description = "Module contract, data context, migrations, recipes and site settings.")]

namespace Storefront.Core;

public sealed class CoreStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddStorefrontData(context.Configuration);
        services.AddSingleton<IDataMigration, CoreMigrations>();
        services.AddSingleton<IEntityModelContributor, SettingsModel>();
        services.AddScoped<SiteSettingsStore>();
        services.AddScoped<IRecipeStep, SettingsRecipeStep>();
        services.AddScoped<RecipeImporter>();
    }
}
