using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Storefront.Email.Tests.Infrastructure;

/// <summary>
/// A tiny SMTP peer whose answer to RCPT TO is chosen by the test: maildev accepts every recipient,
/// and the sender's retry decision hangs on exactly that reply. With no reply given it accepts
/// connections and then says nothing, like a server that hangs.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly string? recipientReply;
    private readonly Task accepting;

    public ScriptedSmtpServer(string? recipientReply)
    {
        this.recipientReply = recipientReply;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                sessions.Add(ServeAsync(client));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped by DisposeAsync.
        }

        await Task.WhenAll(sessions);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            if (recipientReply is null)
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }

            await writer.WriteLineAsync("220 scripted.test ESMTP");
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                var reply = verb switch
                {
                    "EHLO" => "250-scripted.test\r\n250 8BITMIME",
                    "HELO" or "MAIL" or "RSET" or "NOOP" => "250 OK",
                    "RCPT" => recipientReply,
                    "DATA" => "354 Go ahead",
                    "QUIT" => "221 Bye",
                    _ => "502 Not implemented",
                };
                await writer.WriteLineAsync(reply);
                if (verb == "DATA")
                {
                    while (await reader.ReadLineAsync(stop.Token) is { } data && data != ".")
                    {
                    }

                    await writer.WriteLineAsync("250 Queued");
                }

                if (verb == "QUIT")
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            // The client hung up or the test is over.
        }
    }
}
