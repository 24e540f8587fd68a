using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Storefront.Core.Security;

namespace Storefront.Host.Hosting;

/// <summary>One class of request: at most <see cref="PermitLimit"/> from one client address per window.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// <c>RateLimits__*</c>. The defaults leave a real buyer or administrator far below every limit (the success page
/// refreshes itself every 4 s, a link allows a few downloads) while one address can no longer create orders, call
/// Stripe or try passwords at machine speed.
/// </summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary><c>POST /checkout</c> and <c>POST /checkout/{slug}</c>: each creates an order and a Stripe session.</summary>
    public RateLimitRule Checkout { get; set; } = new() { PermitLimit = 10 };

    /// <summary><c>GET /checkout/success</c>.</summary>
    public RateLimitRule Success { get; set; } = new() { PermitLimit = 60 };

    /// <summary>Sign-in, its code and two-factor steps, forgot- and reset-password (POST).</summary>
    public RateLimitRule Account { get; set; } = new() { PermitLimit = 10 };

    /// <summary><c>GET</c>/<c>HEAD /download/{token}</c>.</summary>
    public RateLimitRule Downloads { get; set; } = new() { PermitLimit = 60 };

    /// <summary><c>POST /api/licenses/verify</c>: software checking its key; the limit also caps guessing keys.</summary>
    public RateLimitRule Licenses { get; set; } = new() { PermitLimit = 60 };

    public bool IsValid => new[] { Checkout, Success, Account, Downloads, Licenses }.All(r => r is { PermitLimit: > 0, WindowSeconds: > 0 });
}

/// <summary>
/// The shop's own limits per client address, so it is safe without a proxy in front. The client address is the one
/// after forwarded headers, so behind a trusted proxy each buyer has their own budget; an IPv6 client is counted by
/// its /64, which one household or one attacker holds whole. Requests outside the limited classes are never counted.
/// </summary>
public static class ShopRateLimits
{
    public const string SectionName = "RateLimits";

    private static readonly string[] AccountPaths =
        ["/admin/account/sign-in", "/admin/account/two-factor", "/admin/account/forgot-password", "/admin/account/reset-password"];

    public static WebApplicationBuilder AddShopRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(SectionName))
            .Validate(o => o.IsValid, "RateLimits:*:PermitLimit and RateLimits:*:WindowSeconds (env RateLimits__Checkout__PermitLimit, …) must be positive.")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
        });
        return builder;
    }

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
        var (name, rule) = Classify(context.Request, options);
        if (!options.Enabled || rule is null)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        // The rule is part of the key, so a changed limit applies to the next request rather than after a restart.
        var key = string.Create(CultureInfo.InvariantCulture, $"{name}|{rule.PermitLimit}/{rule.WindowSeconds}|{ClientAddress.Of(context)}");
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = TimeSpan.FromSeconds(rule.WindowSeconds),
            QueueLimit = 0,
        });
    }

    private static (string? Name, RateLimitRule? Rule) Classify(HttpRequest request, RateLimitOptions options)
    {
        // Case-insensitive, as routing is: /CHECKOUT/x reaches the same page and must count the same.
        var path = request.Path.Value?.TrimEnd('/') ?? "";
        if (HttpMethods.IsPost(request.Method))
        {
            if (path.Equals("/checkout", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/checkout/", StringComparison.OrdinalIgnoreCase))
            {
                return ("checkout", options.Checkout);
            }

            if (path.Equals("/api/licenses/verify", StringComparison.OrdinalIgnoreCase))
            {
                return ("licenses", options.Licenses);
            }

            if (AccountPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase) || path.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase)))
            {
                return ("account", options.Account);
            }
        }
        else if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            if (path.Equals("/checkout/success", StringComparison.OrdinalIgnoreCase))
            {
                return ("success", options.Success);
            }

            if (path.StartsWith("/download/", StringComparison.OrdinalIgnoreCase))
            {
                return ("downloads", options.Downloads);
            }
        }

        return (null, null);
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ShopRateLimits))
            .LogInformation("Rate limit reached: {Method} {Path} from {Client}; asked to retry after {Seconds} s",
                http.Request.Method, http.Request.Path.Value, ClientAddress.Of(http), seconds);
        var message = string.Create(CultureInfo.InvariantCulture, $"Too many requests from your address. Please wait {seconds} seconds and try again.");
        // A machine API's client parses every answer as JSON, a refusal included.
        if (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await http.Response.WriteAsJsonAsync(new { error = "too_many_requests", message }, cancellationToken);
            return;
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message + "\n", cancellationToken);
    }
}
