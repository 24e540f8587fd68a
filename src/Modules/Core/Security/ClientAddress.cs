using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Storefront.Core.Security;

/// <summary>
/// Who a request comes from, as the rate limits and the sign-in lockout count it. The address is the one after
/// forwarded headers, which are trusted only from the proxy's networks; an IPv6 client is counted by its /64,
/// which one household or one attacker holds whole, so rotating through it buys nothing.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
