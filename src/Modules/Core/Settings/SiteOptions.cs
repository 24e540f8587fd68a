using Microsoft.AspNetCore.Http;

namespace Storefront.Core.Settings;

/// <summary><c>Site__BaseUrl</c>: the public address of the shop, for links that leave the request (emails, canonical URLs).</summary>
public sealed class SiteOptions
{
    public string? BaseUrl { get; set; }

    public bool IsValid => string.IsNullOrEmpty(BaseUrl)
        || (Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    /// <summary>The configured base URL, or the one the request came in on (after the proxy's forwarded headers).</summary>
    public string OriginFor(HttpRequest request) => string.IsNullOrEmpty(BaseUrl)
        ? $"{request.Scheme}://{request.Host}{request.PathBase}"
        : BaseUrl.TrimEnd('/');
}
