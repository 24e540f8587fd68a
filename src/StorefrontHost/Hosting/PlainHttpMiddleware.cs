namespace Storefront.Host.Hosting;

/// <summary>
/// For a shop whose <c>Site__BaseUrl</c> is https (outside Development): a request still plain HTTP once the trusted
/// proxy's headers are applied did not come through that proxy as it should, and the HTTPS-only antiforgery cookie
/// could neither be issued nor checked for it. A GET or HEAD is sent to the same path on the base URL; any other
/// method is refused, because a body posted in the clear must not be replayed elsewhere on the sender's behalf.
/// Not the framework's HttpsRedirectionMiddleware: it redirects every method, and to the request's own Host.
/// </summary>
internal sealed class PlainHttpMiddleware(RequestDelegate next, string origin, ILogger<PlainHttpMiddleware> logger)
{
    private const string Refusal =
        "This shop answers only over HTTPS at its public address (Site__BaseUrl). If you run it, check that the TLS proxy's network is listed in Proxy__KnownNetworks.\n";

    private int warned;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // Probes address the container directly, over plain HTTP, by design.
        if (request.IsHttps || request.Path.StartsWithSegments("/health"))
        {
            return next(context);
        }

        // Once per instance: every request would repeat it, and the cause is one setting.
        if (Interlocked.Exchange(ref warned, 1) == 0)
        {
            logger.LogWarning(
                "A plain-HTTP {Method} request from {Client} reached a shop whose address is {Origin}: GET and HEAD are redirected there, other methods refused. "
                + "Usually the TLS proxy is not in Proxy__KnownNetworks, or the app's port is reachable directly.",
                request.Method, context.Connection.RemoteIpAddress, origin);
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
            context.Response.Headers.Location = origin + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
            return Task.CompletedTask;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(Refusal);
    }
}
