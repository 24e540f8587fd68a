using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Storefront.Media.Storage;

internal sealed class BlobStoreHealthCheck(IBlobStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.CheckHealthAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        // A probe that hung up (a proxy's check timing out on a busy machine) is no verdict on the store; reported as
        // unhealthy, it would be logged as an error that sends an operator looking for an outage.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The blob store cannot be reached or written.", ex);
        }
    }
}
