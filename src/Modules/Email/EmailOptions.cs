using System.Net;
using MailKit.Security;

namespace Storefront.Email;

/// <summary><c>Email__*</c>. Without <c>Email__Smtp__Host</c> messages go to the pickup folder.</summary>
public sealed class EmailOptions
{
    /// <summary>The shop's sending address; also the domain of every Message-ID.</summary>
    public string From { get; set; } = "";

    public string? FromName { get; set; }

    /// <summary>Where the embedded default writes <c>.eml</c> files; relative paths start at the working folder.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

/// <summary><c>Email__Smtp__*</c>. The password is a secret: set it in the environment or the admin (stored encrypted), never in a file.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>587 is the submission port with STARTTLS, which every mail provider offers; 465 speaks TLS from the first byte.</summary>
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>STARTTLS. Unset means on, except for a loopback host (a local relay or a test server).</summary>
    public bool? EnableSsl { get; set; }

    /// <summary>How the connection is secured; <see cref="SmtpSecurity.Auto"/> decides from the port and <see cref="EnableSsl"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public int TimeoutSeconds { get; set; } = 30;

    public bool UsesSsl => EnableSsl ?? !IsLoopback(Host);

    /// <summary>
    /// Never <see cref="SecureSocketOptions.StartTlsWhenAvailable"/>: a man in the middle could strip the STARTTLS
    /// offer and read the login. TLS is either required or, for a loopback relay or an explicit choice, off.
    /// </summary>
    public SecureSocketOptions SocketSecurity => Security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ when EnableSsl == false => SecureSocketOptions.None,
        _ when Port == 465 => SecureSocketOptions.SslOnConnect,
        _ => UsesSsl ? SecureSocketOptions.StartTls : SecureSocketOptions.None,
    };

    private static bool IsLoopback(string? host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}

/// <summary><c>Email__Smtp__Security</c>.</summary>
public enum SmtpSecurity
{
    /// <summary>Implicit TLS on port 465, otherwise STARTTLS as <see cref="SmtpOptions.EnableSsl"/> says.</summary>
    Auto,

    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (ports 587 and 25).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS: only for a relay on the same host or a private network.</summary>
    None,
}
