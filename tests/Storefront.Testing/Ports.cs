using System.Net;
using System.Net.Sockets;

namespace Storefront.Testing;

public static class Ports
{
    /// <summary>How long a server may take to listen on an idle machine; stretched by <see cref="Patience"/>.</summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(60);

    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on the port; <paramref name="timeout"/> is the idle-machine base.</summary>
    public static Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<string> diagnostics) =>
        WaitUntilListeningAsync(port, timeout, diagnostics, () => false);

    /// <summary>As above, failing at once when <paramref name="gaveUp"/> says the server will never listen (its process exited).</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<string> diagnostics, Func<bool> gaveUp)
    {
        var limit = Patience.For(timeout);
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                if (gaveUp())
                {
                    throw new InvalidOperationException($"The server for 127.0.0.1:{port} exited before it listened. {diagnostics()}");
                }

                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within {Patience.Describe(limit)}. {diagnostics()}");
    }
}
