namespace Storefront.Host.Hosting;

/// <summary>
/// <c>SecurityHeaders__ContentSecurityPolicy</c> replaces the default policy when set;
/// <c>SecurityHeaders__FormActionSources</c> adds origins the Buy form may redirect to (a payment
/// page other than Stripe's own, such as a test double), keeping the rest of the default policy.
/// </summary>
public sealed class SecurityHeadersOptions
{
    public string? ContentSecurityPolicy { get; set; }

    public string FormActionSources { get; set; } = "";

    public string Policy => ContentSecurityPolicy is { Length: > 0 } custom ? custom :
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; " +
        // Checkout answers the Buy form with a redirect to Stripe; browsers apply form-action to that redirect too.
        $"form-action 'self' https://checkout.stripe.com {FormActionSources}".TrimEnd() + "; frame-ancestors 'none'";
}

/// <summary>Headers every response carries; set before the response starts so error pages get them too.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<SecurityHeadersOptions> options)
{
    private readonly string policy = options.Value.Policy;

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        return next(context);
    }
}
