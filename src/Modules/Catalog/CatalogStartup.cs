using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Endpoints;
using Storefront.Catalog.External;
using Storefront.Catalog.Fields;
using Storefront.Catalog.Findability;
using Storefront.Catalog.Models;
using Storefront.Catalog.Recipes;
using Storefront.Catalog.Services;
using Storefront.Catalog.Taxonomies;
using Storefront.Catalog.Templates;
using Storefront.Catalog.Versions;
using Storefront.Core.Caching;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Core.Modules;
using Storefront.Core.Recipes;
using Storefront.Core.Security;

[assembly: Module("Catalog", Description = "Products, pages, publishing, the storefront pages and their editing in the admin.", Dependencies = ["Core", "Media"])]

namespace Storefront.Catalog;

public sealed class CatalogStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddSingleton<IEntityModelContributor, CatalogModel>();
        services.AddSingleton<IDataMigration, CatalogMigrations>();
        services.AddSingleton<StampPrivacyModel>();
        services.AddSingleton<IEntityModelContributor>(provider => provider.GetRequiredService<StampPrivacyModel>());
        services.AddSingleton<IDataMigration>(provider => provider.GetRequiredService<StampPrivacyModel>());
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<ProductCatalog>();
        services.AddScoped<CatalogProducts>();
        services.AddScoped<ICatalogProducts>(provider => provider.GetRequiredService<CatalogProducts>());
        services.AddScoped<ICatalogTexts, CatalogTexts>();
        services.AddSingleton(new DashboardWidget("Catalogue", "_DashboardCatalogue", AdminPermissions.AdminArea, Order: 0, Fallback: true));
        services.AddScoped<PageCatalog>();
        services.AddScoped<ISiteNavigation>(provider => provider.GetRequiredService<PageCatalog>());
        services.AddScoped<BundleRecipeLinks>();
        services.AddScoped<IRecipeStep, ProductsRecipeStep>();
        services.AddScoped<IRecipeStep, PagesRecipeStep>();
        services.AddScoped<IRecipeExportStep, ProductsExportStep>();
        services.AddScoped<IRecipeExportStep, PagesExportStep>();
        services.AddSingleton<IPermissionProvider, CatalogPermissions>();
        services.AddSingleton(new AdminMenuItem("Products", "/admin/products", CatalogPermissions.ManageContent.Name, 10));
        services.AddSingleton(new AdminMenuItem("Pages", "/admin/pages", CatalogPermissions.ManageContent.Name, 20));
        services.AddScoped<ProductEditor>();
        services.AddScoped<ProductOffers>();
        services.AddScoped<IProductStock, ProductStock>();
        services.AddScoped<MasterUploads>();
        services.AddScoped<IMediaUsageProvider, CatalogMediaUsage>();
        services.AddExternalProducts();
        services.AddFindability();
        services.AddTaxonomies();
        services.AddContentFields();
        services.AddProductVersions();
        foreach (var template in CatalogTemplates.All)
        {
            services.AddSingleton(template);
        }

        // Reservations are left out: a unit moves through a bulk update that announces itself (ProductStock).
        services.AddSiteChangeOnSave(SiteChangeTags.Catalogue, typeof(Product), typeof(BundleItem), typeof(ContentPage));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapCatalogAdminEndpoints().MapGoEndpoint().MapDiscoveryEndpoints();
}
