namespace Storefront.Host.Hosting;

/// <summary>
/// <c>Proxy__KnownNetworks</c>: the networks whose X-Forwarded-* headers are believed (the reverse
/// proxy's). Nothing else is, loopback included: a network must be named, or a client could claim any IP or host.
/// </summary>
public sealed class ProxyOptions
{
    public string KnownNetworks { get; set; } = "";

    public bool TryParseNetworks(out List<System.Net.IPNetwork> networks) => NetworkList.TryParse(KnownNetworks, out networks);
}
