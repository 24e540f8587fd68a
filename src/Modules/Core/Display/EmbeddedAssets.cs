using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Storefront.Core.Display;

/// <summary>
/// A theme's CSS, scripts and icons, embedded in its assembly and served under a route prefix with a
/// content hash in the URL, so browsers may cache them forever. Embedded rather than static web
/// assets so a theme works the same under dotnet run, tests and a published build.
/// </summary>
public abstract class EmbeddedAssets
{
    private readonly FrozenDictionary<string, (byte[] Bytes, string ContentType, string Hash)> assets;
    private readonly string routePrefix;

    protected EmbeddedAssets(Assembly assembly, string resourcePrefix, string routePrefix)
    {
        this.routePrefix = routePrefix;
        assets = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[resourcePrefix.Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                var bytes = buffer.ToArray();
                return (bytes, ContentTypeOf(n), Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
            });
    }

    public IEnumerable<string> Files => assets.Keys;

    /// <summary>The URL of an asset, versioned by its content.</summary>
    public string Url(string file) => assets.TryGetValue(file, out var asset) ? $"{routePrefix}{file}?v={asset.Hash}" : routePrefix + file;

    /// <summary>Maps <c>{prefix}{file}</c>; anonymous on purpose, since sign-in and error pages need their styles.</summary>
    public static void Map<TAssets>(IEndpointRouteBuilder endpoints, string routePrefix) where TAssets : EmbeddedAssets =>
        endpoints.MapGet(routePrefix + "{file}", (string file, HttpContext context) =>
        {
            var theme = context.RequestServices.GetRequiredService<TAssets>();
            if (!theme.assets.TryGetValue(file, out var asset))
            {
                return Results.NotFound();
            }

            context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
            return Results.Bytes(asset.Bytes, asset.ContentType, entityTag: new EntityTagHeaderValue($"\"{asset.Hash}\""));
        }).AllowAnonymous();

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".js" => "text/javascript; charset=utf-8",
        ".ico" => "image/x-icon",
        _ => "application/octet-stream",
    };
}
