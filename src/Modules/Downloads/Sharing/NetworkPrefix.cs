using System.Net;
using System.Net.Sockets;

namespace Storefront.Downloads.Sharing;

/// <summary>
/// The network an address belongs to, as far as sharing is concerned: its IPv4 /24 or its IPv6 /48. One household,
/// office or phone keeps its prefix while its host part changes, so hosts of one prefix count as one network.
/// </summary>
public static class NetworkPrefix
{
    /// <summary>"203.0.113.0/24" or "2001:db8:1::/48"; null for a missing or unreadable address.</summary>
    public static string? Of(string? address)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return null;
        }

        // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; they are still IPv4 clients.
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        var bytes = ip.GetAddressBytes();
        var (keep, bits) = ip.AddressFamily == AddressFamily.InterNetwork ? (3, 24) : (6, 48);
        Array.Clear(bytes, keep, bytes.Length - keep);
        return $"{new IPAddress(bytes)}/{bits}";
    }
}
