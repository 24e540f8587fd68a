using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Display;
using Storefront.Core.Security;

namespace Storefront.Downloads.Tracing;

/// <summary>The leak trace permission. Its name is what saved role grants hold, so it never changes.</summary>
public sealed class TracingPermissions : IPermissionProvider
{
    public static readonly Permission TraceLeaks = new(nameof(TraceLeaks),
        "Upload a PDF found in the wild and see whose copy it was: order, buyer and every delivery of it.", "Orders");

    public IEnumerable<Permission> Permissions => [TraceLeaks];

    // A trace shows buyers' addresses and IPs: it stays with administrators unless a role is given it on purpose.
    public IEnumerable<(string Role, Permission Permission)> DefaultGrants => [];
}

public static class LeakTracing
{
    /// <summary>The trace service, its permission and its admin page's menu entry.</summary>
    public static IServiceCollection AddLeakTracing(this IServiceCollection services)
    {
        services.AddSingleton<IPermissionProvider, TracingPermissions>();
        services.AddScoped<CopyIdMatcher>();
        services.AddScoped<LeakTracer>();
        services.AddSingleton(new AdminMenuItem("Trace a leak", "/admin/trace", nameof(TracingPermissions.TraceLeaks), 14));
        return services;
    }
}
