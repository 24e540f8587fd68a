using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Storefront.Email.Tests.Infrastructure;

/// <summary>How a <see cref="ScriptedSmtpServer"/> offers TLS.</summary>
public enum ScriptedTls
{
    None,

    /// <summary>TLS from the first byte, as on port 465.</summary>
    Implicit,

    /// <summary>Plain greeting, STARTTLS offered in the EHLO reply.</summary>
    StartTls,
}

/// <summary>What one DATA command delivered (its bytes as Latin-1 characters), and whether the connection was encrypted by then.</summary>
public sealed record ScriptedDelivery(bool OverTls, IReadOnlyList<string> Recipients, string Data)
{
    /// <summary>The message as a mail reader sees it: 8-bit parts are UTF-8.</summary>
    public string Message => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(Data));
}

/// <summary>
/// A tiny SMTP peer whose answer to RCPT TO is chosen by the test: maildev accepts every recipient,
/// and the sender's retry decision hangs on exactly that reply. With no reply given it accepts
/// connections and then says nothing, like a server that hangs. It can speak implicit TLS or STARTTLS
/// with a self-signed certificate (<see cref="Certificate"/>), which only a test that pins it trusts.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private static readonly Lazy<X509Certificate2> SelfSigned = new(CreateCertificate);
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly string? recipientReply;
    private readonly ScriptedTls tls;
    private readonly List<ScriptedDelivery> deliveries = [];
    private readonly Task accepting;

    public ScriptedSmtpServer(string? recipientReply, ScriptedTls tls = ScriptedTls.None)
    {
        this.recipientReply = recipientReply;
        this.tls = tls;
        listener.Start();
        accepting = AcceptAsync();
    }

    public static X509Certificate2 Certificate => SelfSigned.Value;

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>How many connections asked for a recipient; a sender that retries shows up here twice.</summary>
    public int RecipientCommands { get; private set; }

    public IReadOnlyList<ScriptedDelivery> Deliveries
    {
        get
        {
            lock (deliveries)
            {
                return deliveries.ToList();
            }
        }
    }

    /// <summary>Trusts exactly <see cref="Certificate"/>, so a test proves the sender talked TLS to this server.</summary>
    public static bool TrustsOnlyOurCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && certificate.GetCertHashString() == Certificate.GetCertHashString();

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
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped by DisposeAsync: an accept already waiting is cancelled, one begun after Stop finds no listener.
        }

        await Task.WhenAll(sessions);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            Stream stream = client.GetStream();
            if (recipientReply is null)
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }

            var secured = tls == ScriptedTls.Implicit;
            if (secured)
            {
                stream = await SecureAsync(stream);
            }

            var (reader, writer) = Open(stream);
            await writer.WriteLineAsync("220 scripted.test ESMTP");
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                if (verb == "STARTTLS" && tls == ScriptedTls.StartTls && !secured)
                {
                    await writer.WriteLineAsync("220 Ready to start TLS");
                    stream = await SecureAsync(stream);
                    (reader, writer) = Open(stream);
                    secured = true;
                    continue;
                }

                if (verb == "RCPT")
                {
                    RecipientCommands++;
                    recipients.Add(line);
                }

                var reply = verb switch
                {
                    "EHLO" => tls == ScriptedTls.StartTls && !secured ? "250-scripted.test\r\n250-8BITMIME\r\n250 STARTTLS" : "250-scripted.test\r\n250 8BITMIME",
                    "HELO" or "MAIL" or "RSET" or "NOOP" => "250 OK",
                    "RCPT" => recipientReply,
                    "DATA" => "354 Go ahead",
                    "QUIT" => "221 Bye",
                    _ => "502 Not implemented",
                };
                await writer.WriteLineAsync(reply);
                if (verb == "DATA")
                {
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(stop.Token) is { } content && content != ".")
                    {
                        data.Append(content).Append("\r\n");
                    }

                    lock (deliveries)
                    {
                        deliveries.Add(new ScriptedDelivery(secured, recipients.ToList(), data.ToString()));
                    }

                    await writer.WriteLineAsync("250 Queued");
                }

                if (verb == "QUIT")
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or System.Security.Authentication.AuthenticationException)
        {
            // The client hung up, refused our certificate, or the test is over.
        }
    }

    private async Task<Stream> SecureAsync(Stream plain)
    {
        var ssl = new SslStream(plain, leaveInnerStreamOpen: true);
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = Certificate }, stop.Token);
        return ssl;
    }

    // Latin-1 reads 8-bit message bytes one to one, so the recorded DATA can be decoded as UTF-8 by the test.
    private static (StreamReader, StreamWriter) Open(Stream stream) =>
        (new StreamReader(stream, Encoding.Latin1, false, 1024, leaveOpen: true),
         new StreamWriter(stream, Encoding.ASCII, 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true });

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=scripted.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
