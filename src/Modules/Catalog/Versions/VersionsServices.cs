using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Display;

namespace Storefront.Catalog.Versions;

public static class VersionsServices
{
    /// <summary>Product history, drafts and scheduled publishing; page history.</summary>
    public static IServiceCollection AddProductVersions(this IServiceCollection services)
    {
        services.AddSingleton<IEntityModelContributor, VersionsModel>();
        services.AddSingleton<IDataMigration, VersionsMigrations>();
        services.AddSingleton<IInterceptor, ProductVersionsOnSave>();
        services.AddSingleton<IInterceptor, PageVersionsOnSave>();
        services.AddScoped<ProductDrafts>();
        services.AddScoped<LiveOnlyChanges>();
        services.AddScoped<ProductSchedules>();
        services.AddSingleton<ProductScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<ProductScheduler>());
        services.AddSingleton(new ZoneItem("ProductEditorActions", "_ProductHistoryAction", Order: -10));
        return services;
    }
}
