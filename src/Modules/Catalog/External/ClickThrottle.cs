using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Storefront.Core.Security;

namespace Storefront.Catalog.External;

/// <summary>
/// How many clicks one client address may have recorded per minute. Past the limit the visitor is still sent on to
/// the shop, as a person double-clicking expects; only the count stops growing, so a script cannot inflate it or
/// fill the table.
/// </summary>
public sealed class ClickThrottle : IDisposable
{
    public const int PerMinute = 20;

    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(HttpContext context)
    {
        using var lease = limiter.AttemptAcquire(ClientAddress.Of(context));
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
