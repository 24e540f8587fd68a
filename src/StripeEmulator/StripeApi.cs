using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Storefront.StripeEmulator;

/// <summary>One authenticated API request with its decoded parameters.</summary>
internal sealed record ApiCall(HttpContext Context, FormParameters Form, string RequestId, string ApiKey, string? IdempotencyKey, string PublicBase)
{
    public EmulatorLedger Ledger => Context.RequestServices.GetRequiredService<EmulatorLedger>();

    public WebhookDispatcher Webhooks => Context.RequestServices.GetRequiredService<WebhookDispatcher>();
}

/// <summary>
/// What every Stripe v1 call goes through, in Stripe's order: <c>Request-Id</c>, authentication,
/// parameters (form body for POST, query for GET), the idempotency layer for POST, then the endpoint.
/// </summary>
internal static class StripeApi
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static RequestDelegate Endpoint(Func<ApiCall, Task<ApiResponse>> handler) => context => HandleAsync(context, handler);

    public static RequestDelegate Endpoint(Func<ApiCall, ApiResponse> handler)
    {
        Func<ApiCall, Task<ApiResponse>> wrapped = call => Task.FromResult(handler(call));
        return context => HandleAsync(context, wrapped);
    }

    private static async Task HandleAsync(HttpContext context, Func<ApiCall, Task<ApiResponse>> handler)
    {
        var options = context.RequestServices.GetRequiredService<StripeEmulatorOptions>();
        var state = context.RequestServices.GetRequiredService<StripeEmulatorState>();
        var mount = context.RequestServices.GetRequiredService<EmulatorMount>();
        var requestId = StripeIds.Request();
        var headers = context.Response.Headers;
        headers["Request-Id"] = requestId;
        headers["Stripe-Version"] = context.Request.Headers["Stripe-Version"].FirstOrDefault() ?? options.ApiVersion;

        var apiKey = ApiKey(context.Request);
        if (apiKey is null || !options.ApiKeys.Contains(apiKey))
        {
            await WriteAsync(context, apiKey is null ? StripeErrors.NoApiKey() : StripeErrors.InvalidApiKey(apiKey));
            return;
        }

        var isPost = HttpMethods.IsPost(context.Request.Method);
        var encoded = isPost
            ? await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted)
            : context.Request.QueryString.Value?.TrimStart('?') ?? "";
        var form = FormParameters.Parse(encoded);
        var key = isPost ? context.Request.Headers["Idempotency-Key"].FirstOrDefault() : null;
        var publicBase = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{mount.Prefix}";
        var call = new ApiCall(context, form, requestId, apiKey, key, publicBase);
        if (key is null)
        {
            await WriteAsync(context, await RunAsync(handler, call));
            return;
        }

        headers["Idempotency-Key"] = key;
        var fingerprint = $"{context.Request.Method} {context.Request.Path} {form.Fingerprint}";
        var (outcome, saved, originalRequestId) = state.Idempotency.Begin(apiKey, key, fingerprint);
        switch (outcome)
        {
            case IdempotencyOutcome.Replay:
                headers["Idempotent-Replayed"] = "true";
                headers["Original-Request"] = originalRequestId;
                await WriteAsync(context, saved!);
                return;
            case IdempotencyOutcome.Mismatch:
                await WriteAsync(context, StripeErrors.IdempotencyMismatch(key));
                return;
            case IdempotencyOutcome.InUse:
                await WriteAsync(context, StripeErrors.IdempotencyInUse());
                return;
        }

        var response = await RunAsync(handler, call);
        state.Idempotency.Complete(apiKey, key, response, requestId);
        await WriteAsync(context, response);
    }

    private static async Task<ApiResponse> RunAsync(Func<ApiCall, Task<ApiResponse>> handler, ApiCall call)
    {
        try
        {
            return await handler(call);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            call.Context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Storefront.StripeEmulator")
                .LogError(ex, "Stripe emulator failed on {Method} {Path}", call.Context.Request.Method, call.Context.Request.Path);
            return StripeErrors.Internal();
        }
    }

    // Stripe takes the key as a bearer token or as the basic-auth user name (curl -u sk_test_…:).
    private static string? ApiKey(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.FirstOrDefault(), out var header) || string.IsNullOrEmpty(header.Parameter))
        {
            return null;
        }

        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return header.Parameter;
        }

        if (!header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var user = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            return user.Split(':')[0] is { Length: > 0 } name ? name : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Task WriteAsync(HttpContext context, ApiResponse response)
    {
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache, no-store";
        return context.Response.WriteAsync(response.Body.ToJsonString(Indented), context.RequestAborted);
    }
}

/// <summary>Where the emulator is mounted (e.g. <c>/stripe-emulator</c>), for the URLs it hands out.</summary>
internal sealed class EmulatorMount
{
    public string Prefix { get; set; } = "";
}
