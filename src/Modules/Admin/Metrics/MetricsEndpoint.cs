using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpenTelemetry.Metrics;
using Storefront.Core.Security;

namespace Storefront.Admin.Metrics;

/// <summary><c>Metrics__ScrapeToken</c>: a bearer token a Prometheus scraper presents, since it cannot sign in. Empty: none works.</summary>
public sealed class MetricsOptions
{
    public string ScrapeToken { get; set; } = "";
}

/// <summary>
/// <c>GET /metrics</c> in Prometheus' text format: the <see cref="System.Diagnostics.Metrics.Meter"/>s that matter to an operator
/// (ASP.NET Core's request durations, Kestrel's connections, the runtime's, and the shop's own such as
/// <c>storefront.outbox.passes</c>), exported by OpenTelemetry rather than a hand-written formatter. Restricted like
/// the admin: a signed-in user with <see cref="AdminPermissions.ViewMetrics"/>, or a scraper with the token.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";
    internal const string Policy = "MetricsAccess";

    /// <summary>
    /// The SDK keeps an array of 2,000 points for every metric stream from the start, ~8 MB of an idle shop's heap across
    /// its ~60 instruments; every stream but the request timings (route, method and status) has a handful of attribute
    /// sets, and one past the limit is still counted, under an overflow attribute.
    /// </summary>
    private static readonly MetricStreamConfiguration SmallStream = new() { CardinalityLimit = 200 };

    public static IServiceCollection AddMetricsEndpoint(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration("Metrics");
        services.AddSingleton<IAuthorizationHandler, MetricsAccessHandler>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddRequirements(new MetricsAccessRequirement()));
        // The framework's built-in meters and every meter of the shop's own (named Storefront.*).
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
                "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization",
                "System.Net.Http", "System.Runtime", "Microsoft.EntityFrameworkCore", "Storefront.*")
            .AddView(instrument => instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" ? null : SmallStream)
            .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        // A person is sent to sign in, as on every admin page; a scraper presents its token.
        endpoints.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(Policy).AllowCookieRedirect();
        return endpoints;
    }
}

internal sealed class MetricsAccessRequirement : IAuthorizationRequirement;

/// <summary>Either the scrape token (compared in constant time) or the <see cref="AdminPermissions.ViewMetrics"/> permission.</summary>
internal sealed class MetricsAccessHandler(IHttpContextAccessor http, IOptionsMonitor<MetricsOptions> options) : AuthorizationHandler<MetricsAccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, MetricsAccessRequirement requirement)
    {
        if (http.HttpContext is not { } request)
        {
            return;
        }

        if (PresentsToken(request, options.CurrentValue.ScrapeToken))
        {
            context.Succeed(requirement);
            return;
        }

        // Resolved per request: the authorization service is built from the handlers, this one among them.
        if (context.User.Identity?.IsAuthenticated == true
            && (await request.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, AdminPermissions.Names.ViewMetrics)).Succeeded)
        {
            context.Succeed(requirement);
        }
    }

    private static bool PresentsToken(HttpContext request, string expected)
    {
        var header = request.Request.Headers[HeaderNames.Authorization].ToString();
        const string scheme = "Bearer ";
        if (expected.Length == 0 || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashes have equal length, so the comparison takes the same time whatever was presented.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim())), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
