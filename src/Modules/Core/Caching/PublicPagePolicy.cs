using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Storefront.Core.Caching;

/// <summary>
/// Which requests for a public page may share one rendering. Only an anonymous visitor's: any cookie other than the
/// antiforgery one (a cart, a signed-in admin, a flash notice carried to the next page) renders afresh, as does a
/// shared promotion link (<c>?code=</c>), whose verdict depends on the code's own state. Forms on a cached page carry
/// no per-visitor token: their targets check the origin instead (<see cref="Security.SameOriginFormAttribute"/>).
/// </summary>
internal sealed class PublicPagePolicy : IOutputCachePolicy
{
    /// <summary>Long enough to matter, short enough to bound what a missed announcement (a crash mid-change) could leave.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private static readonly object GenerationKey = new();

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        // From the request's services: the store behind the cache is built from the options that hold this policy.
        var cache = context.HttpContext.RequestServices.GetRequiredService<PageCache>();
        var request = context.HttpContext.Request;
        var shared = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Query.ContainsKey("code") && !CarriesPersonalCookie(request);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = shared;
        context.AllowCacheStorage = shared;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.Tags.Add(SiteChangeTags.Catalogue);
        if (shared)
        {
            context.HttpContext.Items[GenerationKey] = cache.Generation;
            cache.Track(context.HttpContext);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var cache = http.RequestServices.GetRequiredService<PageCache>();
        // A cookie set while rendering or a signed-in user means the page was rendered for someone.
        if (http.Response.StatusCode != StatusCodes.Status200OK || http.Response.Headers.SetCookie.Count > 0
            || http.User.Identity?.IsAuthenticated == true || http.Items[GenerationKey] is not long started || started != cache.Generation)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    private static bool CarriesPersonalCookie(HttpRequest request)
    {
        var antiforgeryCookie = request.HttpContext.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        foreach (var name in request.Cookies.Keys)
        {
            if (!string.Equals(name, antiforgeryCookie, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
