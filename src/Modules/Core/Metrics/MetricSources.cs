using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Storefront.Core.Metrics;

/// <summary>A singleton that owns observable instruments: they exist only once it is built, so it is built at start.</summary>
public interface IMetricSource;

public static class MetricSourceServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="T"/> as a singleton that is created when the host starts, not at the first use.</summary>
    public static IServiceCollection AddMetricSource<T>(this IServiceCollection services) where T : class, IMetricSource
    {
        services.AddMetrics();
        services.AddSingleton<T>();
        services.AddSingleton<IMetricSource>(provider => provider.GetRequiredService<T>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MetricSourceActivation>());
        return services;
    }

    // Without it a gauge nobody asked for would be missing from the first scrapes.
    private sealed class MetricSourceActivation(IEnumerable<IMetricSource> sources) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(sources.Count());

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
