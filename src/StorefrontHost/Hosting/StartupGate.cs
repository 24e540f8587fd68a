using Storefront.Core.Data;

namespace Storefront.Host.Hosting;

/// <summary>
/// Holds requests until migrations and first-start setup are done; liveness is answered at once so an
/// orchestrator does not kill a shop that is busy migrating. Readiness waits like everything else.
/// </summary>
internal sealed class StartupGate(RequestDelegate next, StartupBarrier barrier)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!barrier.Ready.IsCompletedSuccessfully && !context.Request.Path.StartsWithSegments("/health/live"))
        {
            await barrier.Ready.WaitAsync(context.RequestAborted);
        }

        await next(context);
    }
}
