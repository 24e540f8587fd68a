using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Storefront.Themes.Storefront;

/// <summary>
/// Serves the theme's CSS and icons from embedded resources under <c>/theme/{file}</c>, with a
/// content hash in the URL so browsers may cache them forever.
/// </summary>
public sealed class ThemeAssets
{
    private readonly FrozenDictionary<string, (byte[] Bytes, string ContentType, string Hash)> assets;

    public ThemeAssets()
    {
        var assembly = typeof(ThemeAssets).Assembly;
        assets = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("theme/", StringComparison.Ordinal))
            .ToFrozenDictionary(n => n["theme/".Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                var bytes = buffer.ToArray();
                return (bytes, ContentTypeOf(n), Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
            });
    }

    /// <summary>The URL of an asset, versioned by its content.</summary>
    public string Url(string file) => assets.TryGetValue(file, out var asset) ? $"/theme/{file}?v={asset.Hash}" : $"/theme/{file}";

    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/theme/{file}", (string file, ThemeAssets theme, HttpContext context) =>
    {
        if (!theme.assets.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }

        context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
        return Results.Bytes(asset.Bytes, asset.ContentType, entityTag: new EntityTagHeaderValue($"\"{asset.Hash}\""));
    });

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".ico" => "image/x-icon",
        _ => "application/octet-stream",
    };
}
