using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// A loopback hop between a browser and the shop that passes bytes both ways unchanged, except that the connection
/// carrying the first download is broken off after a set number of response bytes: closed towards the browser, reset
/// towards the shop. It keeps the head of every download request and of its answer, so a test sees what the browser
/// asked for and what the shop said.
/// </summary>
public sealed class CuttingRelay : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int shopPort;
    private readonly int cutAfter;
    private readonly ConcurrentQueue<Exchange> downloads = new();
    private readonly ConcurrentBag<Socket> sockets = [];
    private readonly ConcurrentBag<Task> relays = [];
    private readonly Task accepting;
    private int cut;

    private CuttingRelay(Uri shop, int cutAfter)
    {
        shopPort = shop.Port;
        this.cutAfter = cutAfter;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>Where the browser is sent instead of the shop.</summary>
    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    /// <summary>The download requests that went through, in order, each with the head of its answer.</summary>
    public IReadOnlyList<Exchange> Downloads => [.. downloads];

    public static CuttingRelay Start(Uri shop, int cutAfter) => new(shop, cutAfter);

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket browser;
            try
            {
                browser = await listener.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            sockets.Add(browser);
            relays.Add(RelayAsync(browser));
        }
    }

    private async Task RelayAsync(Socket browser)
    {
        // A small receive buffer: the shop can only send as far ahead of the browser as the kernel holds, so a cut
        // part-way is one the shop sees as its copy breaking off, not one it had already finished writing.
        var shop = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 16 << 10, NoDelay = true };
        sockets.Add(shop);
        var connection = new Connection(browser, shop);
        try
        {
            await shop.ConnectAsync(new IPEndPoint(IPAddress.Loopback, shopPort));
            await Task.WhenAll(RequestsAsync(connection), AnswersAsync(connection));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            browser.Dispose();
            shop.Dispose();
        }
    }

    /// <summary>Browser to shop: notes each request head before passing it on, so its answer is watched from its first byte.</summary>
    private async Task RequestsAsync(Connection connection)
    {
        var buffer = new byte[64 << 10];
        try
        {
            int read;
            while ((read = await connection.Browser.ReceiveAsync(buffer)) > 0)
            {
                connection.Read(buffer.AsSpan(0, read), request =>
                {
                    if (!request.Request.StartsWith("GET /download/", StringComparison.Ordinal))
                    {
                        return false;
                    }

                    downloads.Enqueue(request);
                    return true;
                }, () => Interlocked.Exchange(ref cut, 1) == 0 ? cutAfter : null);
                await connection.Shop.SendAsync(buffer.AsMemory(0, read));
            }

            connection.Shop.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            connection.Abort();
        }
    }

    /// <summary>Shop to browser, until the connection's cut if it carries the first download.</summary>
    private static async Task AnswersAsync(Connection connection)
    {
        var buffer = new byte[16 << 10];
        try
        {
            int read;
            while ((read = await connection.Shop.ReceiveAsync(buffer)) > 0)
            {
                var passed = connection.Answered(buffer.AsSpan(0, read));
                await connection.Browser.SendAsync(buffer.AsMemory(0, passed));
                if (passed < read || connection.CutDue)
                {
                    connection.Cut();
                    return;
                }
            }

            connection.Browser.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            connection.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        await accepting;
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }

        await Task.WhenAll(relays);
    }

    /// <summary>A download request's head and the head of the shop's answer to it.</summary>
    public sealed class Exchange(string request)
    {
        private readonly StringBuilder answer = new();

        public string Request => request;

        /// <summary>The answer's status line and headers, once they arrived.</summary>
        public string? Answer { get; private set; }

        /// <summary>A request header's value, or null.</summary>
        public string? RequestHeader(string name) => HeaderOf(request, name);

        /// <summary>An answer header's value, or null.</summary>
        public string? AnswerHeader(string name) => Answer is { } head ? HeaderOf(head, name) : null;

        internal void Answering(ReadOnlySpan<byte> bytes)
        {
            answer.Append(Encoding.ASCII.GetString(bytes));
            var end = answer.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                Answer = answer.ToString(0, end);
            }
        }

        private static string? HeaderOf(string head, string name) => head.Split("\r\n").Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(parts => parts[1].Trim()).FirstOrDefault();
    }

    /// <summary>
    /// One browser connection. Browsers send a request on a kept-alive connection only after the previous answer
    /// ended, so the bytes from the shop after a request was passed on are its answer.
    /// </summary>
    private sealed class Connection(Socket browser, Socket shop)
    {
        private readonly Lock gate = new();
        private readonly List<byte> pending = [];
        private long bodyLeft;
        private Exchange? watched;
        private long? budget;

        public Socket Browser => browser;

        public Socket Shop => shop;

        public bool CutDue
        {
            get
            {
                lock (gate)
                {
                    return budget == 0;
                }
            }
        }

        /// <summary>Splits the browser's bytes into request heads (skipping bodies by their length).</summary>
        public void Read(ReadOnlySpan<byte> bytes, Func<Exchange, bool> isDownload, Func<long?> cutFor)
        {
            lock (gate)
            {
                foreach (var b in bytes)
                {
                    if (bodyLeft > 0)
                    {
                        bodyLeft--;
                        continue;
                    }

                    pending.Add(b);
                    if (!CollectionsMarshal.AsSpan(pending).EndsWith("\r\n\r\n"u8))
                    {
                        continue;
                    }

                    var head = Encoding.ASCII.GetString([.. pending]);
                    pending.Clear();
                    var request = new Exchange(head.TrimEnd('\r', '\n'));
                    bodyLeft = long.TryParse(request.RequestHeader("Content-Length"), out var length) ? length : 0;
                    watched = isDownload(request) ? request : null;
                    if (watched is not null && budget is null)
                    {
                        budget = cutFor();
                    }
                }
            }
        }

        /// <summary>Notes the answer's head and returns how many of the shop's bytes may still go to the browser.</summary>
        public int Answered(ReadOnlySpan<byte> bytes)
        {
            lock (gate)
            {
                var passed = budget is { } left ? (int)Math.Min(left, bytes.Length) : bytes.Length;
                if (budget is not null)
                {
                    budget -= passed;
                }

                if (watched is { Answer: null } exchange)
                {
                    exchange.Answering(bytes[..passed]);
                }

                return passed;
            }
        }

        /// <summary>Ends both sides at once with a reset; nothing more is sent either way.</summary>
        public void Abort()
        {
            Reset(browser);
            Reset(shop);
        }

        /// <summary>
        /// Breaks the answer off as a proxy or middlebox that gives up does: the browser's side is closed where it
        /// stands (the body ends short of its length), the shop's side is reset.
        /// </summary>
        public void Cut()
        {
            try
            {
                browser.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }

            browser.Dispose();
            Reset(shop);
        }

        private static void Reset(Socket socket)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }

            socket.Dispose();
        }
    }
}
