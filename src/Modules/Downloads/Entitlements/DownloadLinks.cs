using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Storefront.Core.Settings;

namespace Storefront.Downloads.Entitlements;

/// <summary>Absolute download links, for pages and for emails sent outside any request.</summary>
public sealed class DownloadLinks(DownloadTokens tokens, IOptions<SiteOptions> site, IServer server)
{
    public Uri For(Guid entitlementId, DateTime expiresAtUtc, string? requestOrigin = null) =>
        new($"{requestOrigin ?? Origin()}/download/{tokens.Issue(entitlementId, expiresAtUtc)}");

    /// <summary><c>Site__BaseUrl</c>, or where this instance listens when none is configured (a local demo).</summary>
    private string Origin() =>
        site.Value.BaseUrl?.TrimEnd('/')
        ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/')
        ?? "http://localhost:5000";
}
