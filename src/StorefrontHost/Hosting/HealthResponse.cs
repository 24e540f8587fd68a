using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Storefront.Host.Hosting;

/// <summary>Names each check, its state and its figures, never an exception's details (they may carry hosts or keys).</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                // Only figures a check chose to publish (the outbox backlog, the sweeper's lag), never exception data.
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        }));
    }
}
