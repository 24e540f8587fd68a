using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Search;

namespace Storefront.Catalog.Findability;

public static class FindabilityServices
{
    /// <summary>Search, old-slug redirects and what keeps both current on every save.</summary>
    public static IServiceCollection AddFindability(this IServiceCollection services)
    {
        services.AddScoped<CatalogSearch>();
        services.AddScoped<SlugRedirects>();
        services.AddSingleton<Core.Display.ISiteNavigation, SearchNavigation>();
        services.AddSingleton<IInterceptor, FindabilityOnSave>();
        services.AddHostedService<SearchIndexBackfill>();
        return services;
    }
}
