using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Metrics;

namespace Storefront.Core.Outbox;

public static class OutboxServiceCollectionExtensions
{
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IEntityModelContributor, OutboxModel>();
        services.AddSingleton<IDataMigration, OutboxMigrations>();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Outbox"));
        services.AddSingleton<OutboxSignal>();
        services.AddMetrics();
        services.AddSingleton<OutboxPasses>();
        services.AddMetricSource<OutboxBacklog>();
        services.AddHealthChecks().AddCheck<OutboxHealthCheck>("outbox", tags: ["ready"]);
        services.AddScoped<OutboxCommitWatch>();
        services.ConfigureDbContext<StorefrontDbContext>((provider, builder) => builder.AddInterceptors(provider.GetRequiredService<OutboxCommitWatch>()));
        services.AddScoped<Outbox>();
        services.AddSingleton<OutboxProcessor>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxProcessor>());
        return services;
    }
}
