using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Core.Security;

namespace Storefront.Host.Hosting;

/// <summary>
/// A shop that cannot open its stored key ring refuses every download link and sign-in cookie issued before:
/// it is not ready, and says why, rather than serving with a new key.
/// </summary>
internal sealed class KeyRingHealthCheck(StorefrontDbContext db, IOptions<KeyRingEncryptionOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        List<string> stored;
        try
        {
            stored = await db.Set<DataProtectionKey>().AsNoTracking().Select(k => k.Xml).ToListAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database check reports the cause; an exception's text here could carry hosts or credentials.
            return HealthCheckResult.Unhealthy("The key ring cannot be read from the database.");
        }

        return KeyRingCheck.WhyUnreadable(stored, options.Value.KeyEncryptionKey) is { } reason
            ? HealthCheckResult.Unhealthy(KeyRingCheck.StoredRingMessage(reason))
            : HealthCheckResult.Healthy();
    }
}
