using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Caching;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Fields;

public static class ContentFieldServices
{
    /// <summary>Fields an administrator defines for products and pages: their tables, admin page, recipe steps and display.</summary>
    public static IServiceCollection AddContentFields(this IServiceCollection services)
    {
        services.AddSingleton<IEntityModelContributor, ContentFieldsModel>();
        services.AddSingleton<IDataMigration, ContentFieldsMigrations>();
        services.AddScoped<ContentFields>();
        services.AddScoped<FieldDisplays>();
        services.AddScoped<IRecipeStep, FieldsRecipeStep>();
        services.AddScoped<IRecipeExportStep, FieldsExportStep>();
        foreach (var kind in ContentKinds.All)
        {
            // After the products and pages handlers (registered earlier), so the items they stage exist.
            services.AddScoped<IRecipeStep>(p => new FieldValuesRecipeStep(kind, p.GetRequiredService<StorefrontDbContext>(), p.GetRequiredService<ContentFields>()));
            services.AddScoped<IRecipeExportStep>(p => new FieldValuesExportStep(kind, p.GetRequiredService<StorefrontDbContext>()));
        }

        services.AddSingleton(new AdminMenuItem("Fields", "/admin/fields", CatalogPermissions.ManageContentFields.Name, 25));
        services.AddSiteChangeOnSave(SiteChangeTags.Catalogue, typeof(ContentField), typeof(ContentFieldValue));
        return services;
    }
}
