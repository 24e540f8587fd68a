using System.Net;
using Microsoft.Extensions.Options;

namespace Storefront.Host.Hosting;

/// <summary>
/// <c>Admin__AllowedNetworks</c>: when set, the admin and <c>/metrics</c> answer only clients in these CIDR ranges. The proxy's
/// allow-list sees the path as typed; this one sees it as routing does, so <c>/ADMIN</c> or <c>/%61dmin</c> cannot slip past.
/// </summary>
public sealed class AdminNetworkOptions
{
    public string AllowedNetworks { get; set; } = "";

    public bool TryParseNetworks(out List<IPNetwork> networks) => NetworkList.TryParse(AllowedNetworks, out networks);
}

/// <summary>
/// Answers 404 to admin requests from outside the allowed networks, as if there were no admin: a 403 would tell a
/// scanner where to aim. Runs after forwarded headers, so the address is the client's, not the proxy's.
/// </summary>
internal sealed class AdminNetworkMiddleware(RequestDelegate next, IOptions<AdminNetworkOptions> options)
{
    private readonly List<IPNetwork> allowed = options.Value.TryParseNetworks(out var networks) ? networks : [];

    public Task InvokeAsync(HttpContext context)
    {
        // Request.Path is already percent-decoded; routing matches it ignoring case, and so must the guard.
        if (allowed.Count == 0 || !IsGuarded(context.Request.Path) || IsAllowed(context.Connection.RemoteIpAddress))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    // The metrics are restricted like the admin, so they are hidden from the same networks.
    private static bool IsGuarded(PathString path) =>
        path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    private bool IsAllowed(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        // Kestrel listening on both stacks reports IPv4 clients as ::ffff:a.b.c.d, which no IPv4 range contains.
        var client = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return allowed.Exists(network => network.Contains(client));
    }
}
