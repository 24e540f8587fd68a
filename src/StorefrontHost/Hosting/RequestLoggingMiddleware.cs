using System.Diagnostics;

namespace Storefront.Host.Hosting;

/// <summary>One structured line per request: method, path, status, duration. No query strings: they may carry tokens.</summary>
internal sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var path = context.Request.Path.StartsWithSegments("/download") ? "/download/…" : context.Request.Path.Value;
            logger.LogInformation("HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms",
                context.Request.Method, path, context.Response.StatusCode, elapsed);
        }
    }
}
