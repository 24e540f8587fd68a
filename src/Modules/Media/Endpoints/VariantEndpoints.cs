using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Media.Library;
using Storefront.Media.Storage;
using Storefront.Media.Variants;

namespace Storefront.Media.Endpoints;

/// <summary>
/// <c>GET /media/variants/{width}/{key}.{webp|jpg}</c>: a resized copy of a library image, made on first request. Only the
/// widths the image offers are made (<see cref="ImageVariants.WidthsFor"/>), so no one can ask the shop to render any
/// size they like. The address holds the original's content hash, so the answer is cached for a year.
/// </summary>
public static class VariantEndpoints
{
    public static IEndpointRouteBuilder MapImageVariants(this IEndpointRouteBuilder endpoints)
    {
        // A literal segment outranks /media/{**key}, so this route answers for every variant address.
        endpoints.MapGet($"/media/{ImageVariants.Folder}/{{width:int}}/{{**path}}", ServeAsync).WithName("ImageVariant");
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(int width, string path, StorefrontDbContext db, VariantMaker maker, IBlobStore store,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (!VariantFormat.TryParse(path, out var format, out var originalKey) || !BlobKey.TryCreate(originalKey, out _, out _))
        {
            return Results.NotFound();
        }

        var original = await db.Set<MediaAsset>().AsNoTracking().Where(a => a.Key == originalKey && a.Width > 0)
            .Select(a => new { a.Width, a.ContentType }).FirstOrDefaultAsync(cancellationToken);
        if (original is null || !ImageVariants.Supports(original.ContentType) || !ImageVariants.WidthsFor(original.Width).Contains(width))
        {
            return Results.NotFound();
        }

        var variant = await maker.EnsureAsync(originalKey, width, format, cancellationToken);
        var stream = variant is null ? null : await store.OpenReadAsync(BlobArea.Public, BlobKey.Parse(variant.Key), cancellationToken);
        if (stream is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = PublicMediaEndpoints.Immutable;
        return Results.Stream(stream, format.ContentType, enableRangeProcessing: false);
    }
}
