using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Models;
using Storefront.Core.Audit;
using Storefront.Core.Data;

namespace Storefront.Catalog.External;

/// <summary>Setting a product's external address, from the admin form and the recipe alike, with the change audited.</summary>
internal static class ExternalProducts
{
    public static void Apply(Product product, string? externalUrl, AuditLog audit)
    {
        if (product.ExternalUrl == externalUrl)
        {
            return;
        }

        audit.Record(externalUrl is null ? "product.external-url-removed" : "product.external-url-set", "product " + product.Slug,
            externalUrl is null ? "sold here again" : "sold on " + externalUrl);
        product.ExternalUrl = externalUrl;
    }
}

/// <summary>The external-products slice's registrations, kept apart from the catalogue's own.</summary>
internal static class ExternalProductsServiceCollectionExtensions
{
    public static IServiceCollection AddExternalProducts(this IServiceCollection services)
    {
        services.AddSingleton<IEntityModelContributor, ExternalProductsModel>();
        services.AddSingleton<IDataMigration, ExternalProductsMigrations>();
        services.AddSingleton<ClickThrottle>();
        services.AddScoped<ProductClicks>();
        return services;
    }
}
