using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Taxonomies.Recipes;
using Storefront.Core.Caching;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Taxonomies;

public static class TaxonomyServices
{
    /// <summary>Categories and tags: their tables, admin page, storefront pages, recipe steps and cache invalidation.</summary>
    public static IServiceCollection AddTaxonomies(this IServiceCollection services)
    {
        services.AddSingleton<IEntityModelContributor, TaxonomyModel>();
        services.AddSingleton<IDataMigration, TaxonomyMigrations>();
        services.AddScoped<TaxonomyCatalog>();
        services.AddScoped<TaxonomyEditor>();
        services.AddScoped<ProductTerms>();
        services.AddScoped<IRecipeStep, TaxonomiesRecipeStep>();
        services.AddScoped<IRecipeExportStep, TaxonomiesExportStep>();
        // Registered after the products step: the importer runs handlers of one step in registration order.
        services.AddScoped<IRecipeStep, ProductTermsRecipeStep>();
        services.AddScoped<IRecipeExportStep, ProductTermsExportStep>();
        services.AddSingleton(new AdminMenuItem("Categories & tags", "/admin/taxonomies", CatalogPermissions.ManageContent.Name, 15));
        services.AddSiteChangeOnSave(SiteChangeTags.Catalogue, typeof(TaxonomyTerm), typeof(ProductTerm));
        return services;
    }
}
