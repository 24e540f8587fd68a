using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Storefront.Core.Settings;

namespace Storefront.Downloads.Entitlements;

/// <summary>Absolute download links, for pages and for emails sent outside any request.</summary>
public sealed class DownloadLinks(DownloadTokens tokens, IOptions<SiteOptions> site, IServer server)
{
    /// <summary><c>Site__BaseUrl</c> wins over the request's origin: a link on a page is copied and mailed on like any other.</summary>
    public Uri For(Guid entitlementId, DateTime expiresAtUtc, string? requestOrigin = null) =>
        new($"{site.Value.ConfiguredOrigin ?? requestOrigin ?? ListeningOrigin()}/download/{tokens.Issue(entitlementId, expiresAtUtc)}");

    /// <summary>Where this instance listens, for emails sent outside a request when no base URL is configured (a local demo).</summary>
    private string ListeningOrigin() =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/')
        ?? "http://localhost:5000";
}
