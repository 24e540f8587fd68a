using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Models;
using Storefront.Catalog.Recipes;
using Storefront.Catalog.Services;
using Storefront.Core.Data;
using Storefront.Core.Modules;
using Storefront.Core.Recipes;

[assembly: Module("Catalog", Description = "Products, publishing and the storefront pages.", Dependencies = ["Core", "Media"])]

namespace Storefront.Catalog;

public sealed class CatalogStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddSingleton<IEntityModelContributor, CatalogModel>();
        services.AddSingleton<IDataMigration, CatalogMigrations>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<ProductCatalog>();
        services.AddScoped<IRecipeStep, ProductsRecipeStep>();
    }
}
