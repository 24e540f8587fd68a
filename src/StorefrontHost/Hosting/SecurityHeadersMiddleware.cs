namespace Storefront.Host.Hosting;

/// <summary><c>SecurityHeaders__ContentSecurityPolicy</c> replaces the default policy when set.</summary>
public sealed class SecurityHeadersOptions
{
    public const string DefaultPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; " +
        "base-uri 'self'; form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'";

    public string ContentSecurityPolicy { get; set; } = DefaultPolicy;
}

/// <summary>Headers every response carries; set before the response starts so error pages get them too.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<SecurityHeadersOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = options.Value.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        return next(context);
    }
}
