using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Storefront.Core.Security;

/// <summary>
/// Cross-site request forgery protection for forms on pages every visitor shares (Buy now, Add to cart), in place of an
/// antiforgery token: a token is per visitor, so a page carrying one cannot be one cached copy for all, and issuing it
/// costs a cookie and two encryptions per view. A browser says where a form was sent from (<c>Sec-Fetch-Site</c>, or
/// <c>Origin</c> in older ones); a POST from any other site is refused before the page runs. A client that sends
/// neither is not a browser acting for someone, so no one's session is being ridden. Apply it to a page model together
/// with <see cref="IgnoreAntiforgeryTokenAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SameOriginFormAttribute : Attribute, IResourceFilter, IOrderedFilter
{
    // Ahead of the framework's own filters, so a refused form never reaches model binding.
    public int Order => -3000;

    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || IsSameOrigin(request))
        {
            return;
        }

        // A warning, not an error: usually someone else's page at work, or a proxy that rewrites the Host.
        context.HttpContext.RequestServices.GetService<ILogger<SameOriginFormAttribute>>()?.LogWarning(
            "Refused a cross-site form post to {Path} (Origin {Origin}, Sec-Fetch-Site {FetchSite})",
            request.Path.Value, request.Headers.Origin.ToString(), request.Headers["Sec-Fetch-Site"].ToString());
        context.Result = new ContentResult
        {
            StatusCode = StatusCodes.Status403Forbidden,
            ContentType = "text/html; charset=utf-8",
            Content = RefusalPage,
        };
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }

    /// <summary>Whether the browser (if it is one) sent the form from one of this shop's own pages.</summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            // "none": the person opened it themselves (address bar, bookmark). "same-site" is a sibling subdomain: not us.
            return site is "same-origin" or "none";
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || (Uri.TryCreate(origin, UriKind.Absolute, out var from)
                && string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static readonly string RefusalPage = $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>This form came from another site</title></head>
        <body><main><h1>This form came from another site</h1>
        <p>{WebUtility.HtmlEncode("For your safety nothing was done and nothing was charged. Open the product on this shop and use its button there.")}</p>
        <p><a href="/">Go to the shop</a></p></main></body></html>
        """;
}
