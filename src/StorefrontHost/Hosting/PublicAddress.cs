using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Storefront.Host.Hosting;

/// <summary>
/// <c>Site__BaseUrl</c> is the shop's one public address. Outside Development the host answers only requests for its
/// host name (unless the operator lists hosts in <c>AllowedHosts</c>, which wins), believes a trusted proxy's
/// X-Forwarded-Host only within those names, and, when the address is https, sends the antiforgery cookie only over HTTPS
/// and answers no plain-HTTP request but its health probes.
/// </summary>
internal static class PublicAddress
{
    private const string FrameworkHostFilter = "HostFilteringStartupFilter";

    public static WebApplicationBuilder AddPublicAddress(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var derive = !builder.Environment.IsDevelopment();

        // The framework filters hosts ahead of every middleware, health probes included; the pipeline filters them
        // itself, after the proxy's headers are applied and around the probes (see UseHostFilteringExceptProbes).
        foreach (var filter in builder.Services.Where(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType?.Name == FrameworkHostFilter).ToList())
        {
            builder.Services.Remove(filter);
        }

        // Runs before the framework's fallback, which reads AllowedHosts and otherwise allows every host.
        builder.Services.AddOptions<HostFilteringOptions>().Configure(options =>
        {
            if (derive && string.IsNullOrWhiteSpace(configuration["AllowedHosts"]) && BaseUri(configuration) is { } address)
            {
                options.AllowedHosts = [address.IdnHost];
            }
        });
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HostFilteringOptions>>((forwarded, hosts) =>
            forwarded.AllowedHosts = [.. hosts.Value.AllowedHosts]);
        builder.Services.AddOptions<AntiforgeryOptions>().Configure(options =>
        {
            // Always refuses to issue a token on a plain-HTTP request, so it follows the address buyers are given:
            // behind a TLS proxy the request is HTTPS once the trusted forwarded headers are applied.
            if (derive && BaseUri(configuration)?.Scheme == Uri.UriSchemeHttps)
            {
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            }
        });
        return builder;
    }

    /// <summary>
    /// A request for a host the shop does not serve gets the framework's 400. The health endpoints answer any host:
    /// orchestrators and the proxy's health check address the container by its IP, and they carry no links.
    /// </summary>
    public static IApplicationBuilder UseHostFilteringExceptProbes(this IApplicationBuilder app) =>
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), branch => branch.UseHostFiltering());

    /// <summary>Outside Development with an https base URL, plain-HTTP requests are redirected or refused (see <see cref="PlainHttpMiddleware"/>).</summary>
    public static WebApplication UseHttpsOfBaseUrl(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && BaseUri(app.Configuration) is { Scheme: "https" } address)
        {
            app.UseMiddleware<PlainHttpMiddleware>(address.AbsoluteUri.TrimEnd('/'));
        }

        return app;
    }

    private static Uri? BaseUri(IConfiguration configuration) =>
        Uri.TryCreate(configuration["Site:BaseUrl"], UriKind.Absolute, out var address) ? address : null;
}
