using System.Net;
using System.Net.Sockets;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Clients whose connections leave from a chosen loopback address (127.0.0.2, 127.0.0.3 …), so the shop sees
/// different client addresses as it would see two machines, with no proxy or forwarded header involved.
/// </summary>
public static class LoopbackClient
{
    /// <summary>A client of <paramref name="shop"/> from <paramref name="address"/>, keeping cookies as a browser does.</summary>
    public static HttpClient From(StorefrontApp shop, string address) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = shop.BaseAddress };
}
