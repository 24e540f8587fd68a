using Microsoft.AspNetCore.Http;

namespace Storefront.Core.Settings;

/// <summary>
/// The <c>Site</c> section: <c>Site__BaseUrl</c>, the public address of the shop, for links that leave the request
/// (emails, canonical URLs); and what the admin's settings page stores: name, support address, theme and logo.
/// </summary>
public sealed class SiteOptions
{
    public string? BaseUrl { get; set; }

    public string? Name { get; set; }

    public string? SupportEmail { get; set; }

    /// <summary>The theme's name as stored; <see cref="Themes.ActiveTheme"/> says which installed theme it means.</summary>
    public string? Theme { get; set; }

    /// <summary>The logo's key in the public area of the blob store.</summary>
    public string? Logo { get; set; }

    public bool IsValid => string.IsNullOrEmpty(BaseUrl)
        || (Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    /// <summary><c>Site__BaseUrl</c> without its trailing slash, or null where none is set (Development, Staging).</summary>
    public string? ConfiguredOrigin => string.IsNullOrWhiteSpace(BaseUrl) ? null : BaseUrl.TrimEnd('/');

    /// <summary>
    /// The configured base URL, or, where none is set (never in Production), the one the request came in on after
    /// the trusted proxy's forwarded headers: a Host header must never choose where a mailed link points.
    /// </summary>
    public string OriginFor(HttpRequest request) => ConfiguredOrigin ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
}

/// <summary>The <c>Seller</c> section: who sells, as receipts and invoices name them.</summary>
public sealed class SellerOptions
{
    public string? Name { get; set; }

    /// <summary>Address lines joined by newlines.</summary>
    public string? Address { get; set; }

    public string? VatId { get; set; }
}
