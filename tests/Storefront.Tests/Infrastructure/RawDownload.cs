using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// A GET over a plain socket with a small receive buffer, for the buyers HttpClient cannot play: one who reads
/// part of a copy and hangs up (with bytes unread, so the kernel resets the connection), or one who stops reading.
/// </summary>
public sealed class RawDownload : IDisposable
{
    private readonly Socket socket;
    private readonly byte[] buffer = new byte[16 << 10];

    private RawDownload(Socket socket) => this.socket = socket;

    public long Received { get; private set; }

    /// <summary>Everything received so far, up to the first 64 KB (status line and headers included).</summary>
    public MemoryStream Start { get; } = new();

    public static async Task<RawDownload> StartAsync(Uri shop, string link, params string[] headers)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 16 << 10 };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, shop.Port));
        var path = Uri.TryCreate(link, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : link;
        var request = $"GET {path} HTTP/1.1\r\nHost: {shop.Authority}\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        return new RawDownload(socket);
    }

    /// <summary>Reads until at least <paramref name="bytes"/> have arrived in all, or the server closes.</summary>
    public async Task ReadAtLeastAsync(long bytes)
    {
        while (Received < bytes)
        {
            var read = await socket.ReceiveAsync(buffer);
            if (read == 0)
            {
                return;
            }
            if (Start.Length < 64 << 10)
            {
                Start.Write(buffer, 0, read);
            }
            Received += read;
        }
    }

    /// <summary>Reads <paramref name="step"/> bytes at a time with a pause between; true once the server ends the connection.</summary>
    public async Task<bool> TrickleAsync(int step, TimeSpan pause, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            var before = Received;
            try
            {
                await ReadAtLeastAsync(Received + step);
            }
            catch (SocketException)
            {
                return true;
            }
            if (Received - before < step)
            {
                return true;
            }
            await Task.Delay(pause);
        }
        return false;
    }

    public string Head => Encoding.ASCII.GetString(Start.ToArray().AsSpan(0, (int)Math.Min(Start.Length, 2048)));

    /// <summary>Reads on until the server ends the connection (closed or reset); false if it has not within <paramref name="timeout"/>.</summary>
    public async Task<bool> EndedWithinAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token)) > 0)
            {
                Received += read;
            }
            return true;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => socket.Dispose();
}
