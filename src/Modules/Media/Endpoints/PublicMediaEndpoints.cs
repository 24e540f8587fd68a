using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Storefront.Media.Storage;

namespace Storefront.Media.Endpoints;

/// <summary>
/// <c>GET /media/{key}</c> serves the public area only. There is deliberately no route to the
/// private area: masters leave the store only through the download gate, stamped.
/// </summary>
public static class PublicMediaEndpoints
{
    /// <summary>For addresses whose bytes never change: content-addressed keys and the variants made of them.</summary>
    public const string Immutable = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapPublicMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/media/{**key}", ServeAsync).WithName("PublicMedia");
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(string key, IBlobStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (!BlobKey.TryCreate(key, out var blobKey, out _))
        {
            return Results.NotFound();
        }

        var info = await store.GetInfoAsync(BlobArea.Public, blobKey, cancellationToken);
        var stream = info is null ? null : await store.OpenReadAsync(BlobArea.Public, blobKey, cancellationToken);
        if (info is null || stream is null)
        {
            return Results.NotFound();
        }

        // Public media keys are content-addressed, so a key's bytes never change.
        context.Response.Headers[HeaderNames.CacheControl] = Immutable;
        return Results.Stream(stream, info.ContentType, enableRangeProcessing: false);
    }
}
