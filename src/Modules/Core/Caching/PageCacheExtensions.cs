using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;

namespace Storefront.Core.Caching;

public static class PageCacheExtensions
{
    public static IServiceCollection AddPageCache(this IServiceCollection services)
    {
        services.AddOutputCache(options =>
        {
            // Bounded: a catalogue page is tens of kilobytes, and query strings could otherwise fill memory with variants.
            options.SizeLimit = 32L * 1024 * 1024;
            options.MaximumBodySize = 1024 * 1024;
            options.AddPolicy(PageCache.PolicyName, new PublicPagePolicy());
        });
        services.AddSingleton<PageCache>();
        services.AddScoped<ISiteChanges, SiteChanges>();
        services.AddSingleton<SiteChangesCommitWatch>();
        services.AddSingleton<IInterceptor>(provider => provider.GetRequiredService<SiteChangesCommitWatch>());
        services.AddHostedService<SiteChangesWatcher>();
        services.AddSingleton<IEntityModelContributor, SiteChangesModel>();
        services.AddSingleton<IDataMigration, SiteChangesMigrations>();
        return services;
    }

    /// <summary>After routing and sign-in: the policy reads the page's endpoint and who is asking.</summary>
    public static IApplicationBuilder UsePageCache(this IApplicationBuilder app) => app.UseOutputCache();
}
