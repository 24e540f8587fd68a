using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Storefront.Themes.Admin;

/// <summary>
/// Serves the admin theme's CSS and icons from embedded resources under <c>/admin/theme/{file}</c>,
/// versioned by content hash. Anonymous on purpose: the sign-in page needs its styles.
/// </summary>
public sealed class AdminThemeAssets
{
    public const string RoutePrefix = "/admin/theme/";

    private readonly FrozenDictionary<string, (byte[] Bytes, string ContentType, string Hash)> assets;

    public AdminThemeAssets()
    {
        var assembly = typeof(AdminThemeAssets).Assembly;
        assets = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("admin-theme/", StringComparison.Ordinal))
            .ToFrozenDictionary(n => n["admin-theme/".Length..], n =>
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
    public string Url(string file) => assets.TryGetValue(file, out var asset) ? $"{RoutePrefix}{file}?v={asset.Hash}" : RoutePrefix + file;

    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet(RoutePrefix + "{file}", (string file, AdminThemeAssets theme, HttpContext context) =>
    {
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
        _ => "application/octet-stream",
    };
}
