using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Storefront.Catalog.External;

/// <summary>
/// <c>GET /go/{slug}</c>: an external product's "Buy on …" link. It records the click, then answers 302 to the
/// address stored for that product and to nothing else, so it cannot be used as an open redirect. A product that is
/// unknown, not on sale or not external gets the shop's 404 page.
/// </summary>
public static class GoEndpoint
{
    public static IEndpointRouteBuilder MapGoEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/go/{slug}", GoAsync);
        return endpoints;
    }

    private static async Task<Results<RedirectHttpResult, NotFound>> GoAsync(
        string slug, HttpContext context, ProductClicks clicks, CancellationToken cancellationToken)
    {
        // Every visit must reach us to be counted, and the answer differs as products change.
        context.Response.Headers.CacheControl = "no-store";
        if (await clicks.TargetAsync(slug, cancellationToken) is not { } target)
        {
            return TypedResults.NotFound();
        }

        await clicks.RecordAsync(target.ProductId, context, cancellationToken);
        // The other shop learns that the visitor came from this shop, not from which page or with which query.
        context.Response.Headers["Referrer-Policy"] = "strict-origin";
        context.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        return TypedResults.Redirect(target.Url);
    }
}
