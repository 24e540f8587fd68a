using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Models;
using Storefront.Catalog.Recipes;
using Storefront.Catalog.Services;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Core.Modules;
using Storefront.Core.Recipes;
using Storefront.Core.Security;

[assembly: Module("Catalog", Description = "Products, pages, publishing and the storefront pages.", Dependencies = ["Core", "Media"])]

namespace Storefront.Catalog;

public sealed class CatalogStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddSingleton<IEntityModelContributor, CatalogModel>();
        services.AddSingleton<IDataMigration, CatalogMigrations>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<ProductCatalog>();
        services.AddScoped<CatalogProducts>();
        services.AddScoped<ICatalogProducts>(provider => provider.GetRequiredService<CatalogProducts>());
        services.AddSingleton(new DashboardWidget("Catalogue", "_DashboardCatalogue", AdminPermissions.AdminArea, Order: 0, Fallback: true));
        services.AddScoped<IRecipeStep, ProductsRecipeStep>();
        services.AddScoped<PageCatalog>();
        services.AddScoped<ISiteNavigation>(provider => provider.GetRequiredService<PageCatalog>());
        services.AddScoped<IRecipeStep, PagesRecipeStep>();
    }
}
