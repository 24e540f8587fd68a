using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.WebEncoders;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Storefront.Core.Data;
using Storefront.Host.Backup;

namespace Storefront.Host.Hosting;

public static class HostingExtensions
{
    /// <summary>The configuration chain, logging, proxy trust, error handling, health checks and start-up tasks.</summary>
    public static WebApplicationBuilder AddStorefrontHosting(this WebApplicationBuilder builder)
    {
        builder.AddStoredSettings();
        if (!builder.Environment.IsDevelopment())
        {
            // One JSON object per line: what log shippers expect from a container.
            builder.Logging.ClearProviders().AddJsonConsole(o => o.IncludeScopes = true);
        }

        // SQL text at Information floods the log and can carry customer data; EF speaks up at Warning.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);

        builder.Services.AddOptions<ProxyOptions>().Bind(builder.Configuration.GetSection("Proxy"))
            .Validate(o => o.TryParseNetworks(out _), "Proxy:KnownNetworks (env Proxy__KnownNetworks) must be a comma-separated list of CIDR ranges such as 172.18.0.0/16.")
            .ValidateOnStart();
        builder.Services.AddOptions<AdminNetworkOptions>().Bind(builder.Configuration.GetSection("Admin"))
            .Validate(o => o.TryParseNetworks(out _), "Admin:AllowedNetworks (env Admin__AllowedNetworks) must be a comma-separated list of CIDR ranges such as 10.0.0.0/8.")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            // The framework believes loopback by default, and everyone once both lists are empty: only the named networks may
            // choose the client's address, scheme and host, and without any nothing is forwarded.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            proxy.Value.TryParseNetworks(out var networks);
            foreach (var network in networks)
            {
                forwarded.KnownIPNetworks.Add(network);
            }

            forwarded.ForwardedHeaders = networks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        });
        builder.AddPublicAddress();
        builder.Services.AddOptions<SecurityHeadersOptions>().Bind(builder.Configuration.GetSection("SecurityHeaders"));
        // Razor escapes every non-ASCII character by default; pages in any language should stay readable as sent.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]).AddCheck<KeyRingHealthCheck>("keyring", tags: ["ready"]);
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ProductionSecrets.Marker>, ProductionSecrets>();
        builder.Services.AddOptions<ProductionSecrets.Marker>().ValidateOnStart();
        builder.Services.AddHostedService<StartupTasks>();
        builder.Services.AddHostedService<IdleMemoryTrim>();
        builder.AddScheduledBackups();
        builder.AddShopRateLimits();
        return builder;
    }

    public static WebApplication UseStorefrontPipeline(this WebApplication app)
    {
        // Before start-up validation: secrets typed into the admin count for the checks that require them.
        Storefront.Core.Settings.StoredSettingsRefresher.UnlockSecrets(app.Services);
        app.UseForwardedHeaders();
        app.UseHostFilteringExceptProbes();
        app.UseMiddleware<StartupGate>();
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        // After the status-code pages, so a refused admin request gets the shop's ordinary not-found page.
        app.UseMiddleware<AdminNetworkMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            // Only sent over HTTPS, which with TLS at the proxy means X-Forwarded-Proto: https.
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Ahead of every page: a form rendered over plain HTTP would fail the HTTPS-only antiforgery cookie with a 500.
        app.UseHttpsOfBaseUrl();
        app.UseRouting();
        app.UseRateLimiter();
        // Only when a module (Users) registered sign-in; without one nothing is protected or protectable.
        if (app.Services.GetService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>() is not null)
        {
            app.UseAuthentication();
        }

        if (app.Services.GetService<Microsoft.AspNetCore.Authorization.Policy.IPolicyEvaluator>() is not null)
        {
            app.UseAuthorization();
        }

        Storefront.Core.Caching.PageCacheExtensions.UsePageCache(app);
        return app;
    }

    public static WebApplication MapStorefrontHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponse.WriteAsync });
        return app;
    }
}

internal sealed class DatabaseHealthCheck(StorefrontDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database cannot be reached.");
        }
        // As for the blob store: a probe that hung up is no verdict on the database.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", ex);
        }
    }
}
